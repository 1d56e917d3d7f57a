package io.resettle.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The dashboard's defaults on a real server (issue 15.8): it listens on 127.0.0.1 only, its
 * session cookie is SameSite, repeated wrong passwords lock the user name and the address for the
 * login form and HTTP Basic alike, and without configured users there is no admin/admin unless
 * the demo users are asked for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboard-login;DB_CLOSE_DELAY=-1",
        "resettle.scheduler.enabled=false",
        // BCrypt of "wonderland" for each
        "resettle.users[0].name=alice", "resettle.users[0].password-hash=" + DashboardLoginDefaultsTest.HASH,
        "resettle.users[0].roles=VIEWER",
        "resettle.users[1].name=bob", "resettle.users[1].password-hash=" + DashboardLoginDefaultsTest.HASH,
        "resettle.users[1].roles=VIEWER",
        "resettle.users[2].name=carol", "resettle.users[2].password-hash=" + DashboardLoginDefaultsTest.HASH,
        "resettle.users[2].roles=VIEWER",
        "resettle.users[3].name=dave", "resettle.users[3].password-hash=" + DashboardLoginDefaultsTest.HASH,
        "resettle.users[3].roles=VIEWER"})
@AutoConfigureMockMvc
class DashboardLoginDefaultsTest {

    static final String HASH = "$2a$10$D/D0jHn5kawKUe7GBGO6MOuu98jFEMm.wwK.CEcNiAl./C3XS6Np6";

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder login(String user,
            String password, String address) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login").param("username", user)
                .param("password", password).with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.csrf()).with(from(address));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void fiveWrongPasswordsLockTheUserNameEvenForTheRightOne() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(login("alice", "guess" + i, "10.0.0.1"))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(login("alice", "wonderland", "10.0.0.1"))
                .andExpect(redirectedUrl("/login?locked")).andExpect(unauthenticated());
        // from another address too: the user name is locked
        mvc.perform(login("alice", "wonderland", "10.0.0.2"))
                .andExpect(redirectedUrl("/login?locked"));
        // another user from the same address is not (5 of the address's 20)
        mvc.perform(login("bob", "wonderland", "10.0.0.1"))
                .andExpect(authenticated().withUsername("bob"));
        mvc.perform(get("/login").param("locked", "")).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("id=\"login-locked\"")));
    }

    @Test
    void httpBasicCountsTheSameWrongPasswords() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/runs").with(httpBasic("carol", "guess" + i)).with(from("10.0.1.1")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/runs").with(httpBasic("carol", "wonderland")).with(from("10.0.1.1")))
                .andExpect(status().isUnauthorized());
        mvc.perform(login("carol", "wonderland", "10.0.1.1"))
                .andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void twentyWrongPasswordsFromOneAddressLockTheAddress() throws Exception {
        for (int i = 0; i < 20; i++) {
            mvc.perform(get("/runs").with(httpBasic("guess" + (i % 10), "x")).with(from("10.0.2.1")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(login("dave", "wonderland", "10.0.2.1"))
                .andExpect(redirectedUrl("/login?locked"));
        mvc.perform(login("dave", "wonderland", "10.0.2.2"))
                .andExpect(authenticated().withUsername("dave"));
    }

    @Test
    void theSessionCookieIsSameSite() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("SameSite=Lax")
                .contains("HttpOnly"));
    }

    @Test
    void itListensOnTheLoopbackAddressOnly() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
        Optional<InetAddress> other = NetworkInterface.networkInterfaces().filter(this::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()).findFirst();
        Assumptions.assumeTrue(other.isPresent(), "this machine has no other IPv4 address to try");
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(other.get(), port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    private boolean up(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    @Test
    void withoutConfiguredUsersThereIsNoAdminUnlessTheDemoUsersAreAskedFor() {
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        UserDetailsService none;
        UserDetailsService demo;
        try {
            none = new SecurityConfig().users(new UsersProperties(null), new BCryptPasswordEncoder(4), true, false);
        } finally {
            System.setErr(err);
        }
        assertThatThrownBy(() -> none.loadUserByUsername("admin")).isInstanceOf(UsernameNotFoundException.class);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("nobody can log in").contains("resettle.users[0].name")
                .contains("RESETTLE_WEB_DEMO_USERS=true").doesNotContain("admin/admin");
        demo = new SecurityConfig().users(new UsersProperties(null), new BCryptPasswordEncoder(4), true, true);
        assertThat(demo.loadUserByUsername("admin").getAuthorities()).hasSize(3);
    }

    @Test
    void aLockEndsAfterTheLockoutTime() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(3, 100, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.lockedFor("erin", "10.0.3.1")).isEmpty();
            throttle.failed("erin", "10.0.3.1");
        }
        assertThat(throttle.lockedFor("ERIN", "10.0.3.9")).hasValue(Duration.ofMinutes(5));
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(throttle.lockedFor("erin", "10.0.3.1")).hasValue(Duration.ofMinutes(1));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("erin", "10.0.3.1")).isEmpty();
        // failures far apart never add up to a lock
        for (int i = 0; i < 5; i++) {
            throttle.failed("frank", "10.0.3.2");
            throttle.failed("frank", "10.0.3.2");
            clock.now = clock.now.plus(Duration.ofMinutes(6));
        }
        assertThat(throttle.lockedFor("frank", "10.0.3.2")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-10-05T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
