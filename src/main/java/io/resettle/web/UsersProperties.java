package io.resettle.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Dashboard users from configuration: {@code resettle.users[0].name}, {@code .password-hash} (a
 * BCrypt hash, e.g. {@code $2a$10$...}) and {@code .roles} (VIEWER, OPS, FINANCE).
 */
@ConfigurationProperties("resettle")
record UsersProperties(List<User> users) {

    UsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    record User(String name, String passwordHash, List<String> roles) {
        User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
