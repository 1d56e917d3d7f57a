package io.resettle.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form login for every page; roles VIEWER (read), OPS (restart, stop, recover, abandon) and
 * FINANCE (launch, re-run, close, reopen). OPS and FINANCE can read too. CSRF stays on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsersProperties.class)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    static final Set<String> ROLES = Set.of("VIEWER", "OPS", "FINANCE");
    static final String[] OPS_ACTIONS = {"/actions/restart", "/actions/stop", "/actions/recover", "/actions/abandon"};
    static final String[] FINANCE_ACTIONS = {"/actions/ingest", "/actions/settle", "/actions/rerun", "/actions/close",
        "/actions/reopen"};

    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain dashboardSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers(OPS_ACTIONS).hasRole("OPS")
                        .requestMatchers(FINANCE_ACTIONS).hasRole("FINANCE")
                        .requestMatchers("/actions/**").denyAll()
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole("VIEWER", "OPS", "FINANCE")
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/runs", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                // Prometheus and health checks log in with HTTP Basic; people use the form.
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * The configured users; when none is configured, {@code resettle serve} falls back to the demo
     * users of docs/dashboard.md and says so loudly. Other commands get no user at all.
     */
    @Bean
    UserDetailsService users(UsersProperties properties, PasswordEncoder encoder,
            @Value("${resettle.serve:false}") boolean serve) {
        List<UserDetails> users = new ArrayList<>();
        for (UsersProperties.User user : properties.users()) {
            if (user.name() == null || user.passwordHash() == null || !user.passwordHash().startsWith("$2")) {
                throw new IllegalStateException("resettle.users: every user needs a name and a BCrypt password-hash ($2a$...)");
            }
            for (String role : user.roles()) {
                if (!ROLES.contains(role)) {
                    throw new IllegalStateException("resettle.users: user " + user.name() + " has unknown role " + role
                            + "; roles are " + ROLES);
                }
            }
            users.add(User.withUsername(user.name()).password(user.passwordHash())
                    .roles(user.roles().toArray(String[]::new)).build());
        }
        if (users.isEmpty() && serve) {
            log.warn("No dashboard users configured (resettle.users): using the DEMO users viewer/viewer, ops/ops,"
                    + " finance/finance and admin/admin. Configure real users before exposing this server; see docs/dashboard.md.");
            System.err.println("WARNING: resettle serve runs with the demo users viewer/viewer, ops/ops, finance/finance,"
                    + " admin/admin (no resettle.users configured; see docs/dashboard.md)");
            users.add(demo(encoder, "viewer", "VIEWER"));
            users.add(demo(encoder, "ops", "OPS"));
            users.add(demo(encoder, "finance", "FINANCE"));
            users.add(demo(encoder, "admin", "VIEWER", "OPS", "FINANCE"));
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails demo(PasswordEncoder encoder, String name, String... roles) {
        return User.withUsername(name).password(encoder.encode(name)).roles(roles).build();
    }
}
