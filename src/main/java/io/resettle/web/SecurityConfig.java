package io.resettle.web;

import io.resettle.run.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Form login for every page; roles VIEWER (read), OPS (restart, stop, recover, abandon) and
 * FINANCE (launch, re-run, close, reopen). OPS and FINANCE can read too. CSRF stays on. Wrong
 * passwords are throttled per user name and per address ({@link LoginThrottle}), for the form and
 * HTTP Basic alike; an action refused with 403 (a role that may not, no CSRF token) is audited.
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
    SecurityFilterChain dashboardSecurity(HttpSecurity http, AuthenticationManager logins, AuditLog auditLog)
            throws Exception {
        ExceptionMappingAuthenticationFailureHandler loginFailed = new ExceptionMappingAuthenticationFailureHandler();
        loginFailed.setDefaultFailureUrl("/login?error");
        loginFailed.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
        http.authenticationManager(logins)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers(OPS_ACTIONS).hasRole("OPS")
                        .requestMatchers(FINANCE_ACTIONS).hasRole("FINANCE")
                        .requestMatchers("/actions/**").denyAll()
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole("VIEWER", "OPS", "FINANCE")
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/runs", false)
                        .failureHandler(loginFailed).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .exceptionHandling(errors -> errors.accessDeniedHandler(auditedRefusal(auditLog)))
                // Prometheus and health checks log in with HTTP Basic; people use the form.
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    /** Form and HTTP Basic logins: BCrypt passwords of {@link #users}, throttled by {@link LoginThrottle}. */
    @Bean
    AuthenticationManager logins(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
    }

    /** A 403 on an action's POST is an attempted action: it goes to the audit log, then to the error page. */
    private static AccessDeniedHandler auditedRefusal(AuditLog auditLog) {
        AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            String path = request.getServletPath() == null || request.getServletPath().isEmpty() ? request.getRequestURI()
                    : request.getServletPath();
            if ("POST".equals(request.getMethod()) && path.startsWith("/actions/")) {
                String action = path.substring("/actions/".length());
                var who = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
                String reason = denied instanceof CsrfException ? "no valid CSRF token"
                        : Action.fromPath(action).map(a -> "needs role " + a.role).orElse("no such action");
                try {
                    auditLog.append(who == null || !who.isAuthenticated() ? "anonymous" : who.getName(), action, parameters(request),
                            AuditLog.Outcome.REFUSED, "403 forbidden: " + reason);
                } catch (RuntimeException e) {
                    log.error("cannot audit the refused {} by {}", action, who, e);
                }
            }
            page.handle(request, response, denied);
        };
    }

    /** The same text the action itself records: {@code period=… reason=…} or {@code execution=…}. */
    static String parameters(HttpServletRequest request) {
        List<String> parts = new ArrayList<>();
        for (String name : new String[] {"period", "execution", "reason"}) {
            String value = request.getParameter(name);
            if (value != null) {
                parts.add(name + "=" + value);
            }
        }
        return String.join(" ", parts);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * The configured users. With none configured, {@code resettle serve} has the demo users of
     * docs/dashboard.md only when {@code resettle.web.demo-users=true} asks for them; otherwise nobody
     * can log in, and the start says how to configure users. Other commands get no user at all.
     */
    @Bean
    UserDetailsService users(UsersProperties properties, PasswordEncoder encoder,
            @Value("${resettle.serve:false}") boolean serve, @Value("${resettle.web.demo-users:false}") boolean demoUsers) {
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
        if (users.isEmpty() && serve && demoUsers) {
            log.warn("resettle.web.demo-users=true: using the DEMO users viewer/viewer, ops/ops, finance/finance and"
                    + " admin/admin. Configure real users (resettle.users) before exposing this server; see docs/dashboard.md.");
            System.err.println("WARNING: resettle serve runs with the demo users viewer/viewer, ops/ops, finance/finance,"
                    + " admin/admin (resettle.web.demo-users=true); never expose this server. See docs/dashboard.md.");
            users.add(demo(encoder, "viewer", "VIEWER"));
            users.add(demo(encoder, "ops", "OPS"));
            users.add(demo(encoder, "finance", "FINANCE"));
            users.add(demo(encoder, "admin", "VIEWER", "OPS", "FINANCE"));
        } else if (users.isEmpty() && serve) {
            log.warn("No dashboard users configured (resettle.users): nobody can log in; see docs/dashboard.md");
            System.err.println(NO_USERS);
        }
        return new InMemoryUserDetailsManager(users);
    }

    static final String NO_USERS = """
            No dashboard users are configured, so nobody can log in. Configure them (docs/dashboard.md, "Configure users"):
              an application.properties in this folder with
                resettle.users[0].name=li.na
                resettle.users[0].password-hash=<a BCrypt hash, e.g. from: htpasswd -bnBC 10 "" 'the password' | tr -d ':\\n'>
                resettle.users[0].roles=FINANCE          (VIEWER, OPS, FINANCE)
              or the same as environment variables (RESETTLE_USERS_0_NAME, RESETTLE_USERS_0_PASSWORD_HASH, RESETTLE_USERS_0_ROLES).
            For a local trial only, RESETTLE_WEB_DEMO_USERS=true starts the demo users viewer, ops, finance and admin
            (password = user name).""";

    private static UserDetails demo(PasswordEncoder encoder, String name, String... roles) {
        return User.withUsername(name).password(encoder.encode(name)).roles(roles).build();
    }
}
