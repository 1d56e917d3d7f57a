package io.resettle.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Locks a user name, and separately a client address, after repeated wrong passwords (issue 15.8):
 * {@code resettle.web.login.max-failures} (5) failures of one user name, or
 * {@code resettle.web.login.max-failures-per-address} (20) of one address, within the lockout
 * time lock it for {@code resettle.web.login.lockout} (5 minutes); while locked even the right
 * password is refused. Form login and HTTP Basic go through the same count. The count lives in
 * this server's memory: a restart forgets it, and every instance counts on its own.
 */
@Component
class LoginThrottle {

    private static final int MAX_KEYS = 100_000;

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private static final class Failures {
        int count;
        Instant last;
        Instant lockedUntil;
    }

    @org.springframework.beans.factory.annotation.Autowired
    LoginThrottle(@Value("${resettle.web.login.max-failures:5}") int maxPerUser,
            @Value("${resettle.web.login.max-failures-per-address:20}") int maxPerAddress,
            @Value("${resettle.web.login.lockout:5m}") Duration lockout) {
        this(maxPerUser, maxPerAddress, lockout, Clock.systemUTC());
    }

    LoginThrottle(int maxPerUser, int maxPerAddress, Duration lockout, Clock clock) {
        if (maxPerUser < 1 || maxPerAddress < 1 || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalStateException("resettle.web.login: max-failures and max-failures-per-address must be at"
                    + " least 1 and lockout longer than zero");
        }
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** How long the user name or the address is still locked; empty when neither is. */
    Optional<Duration> lockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration longest = null;
        for (String key : keys(user, address)) {
            Failures f = failures.get(key);
            if (f != null) {
                synchronized (f) {
                    if (f.lockedUntil != null && f.lockedUntil.isAfter(now)) {
                        Duration left = Duration.between(now, f.lockedUntil);
                        longest = longest == null || left.compareTo(longest) > 0 ? left : longest;
                    }
                }
            }
        }
        return Optional.ofNullable(longest);
    }

    /** A wrong password (or an unknown user name) from the address. */
    void failed(String user, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            forgetExpired(now);
        }
        String[] keys = keys(user, address);
        for (int i = 0; i < keys.length; i++) {
            int max = keys[i].startsWith("user:") ? maxPerUser : maxPerAddress;
            Failures f = failures.computeIfAbsent(keys[i], k -> new Failures());
            synchronized (f) {
                if (f.last != null && Duration.between(f.last, now).compareTo(lockout) > 0) {
                    f.count = 0;
                }
                f.count++;
                f.last = now;
                if (f.count >= max) {
                    f.lockedUntil = now.plus(lockout);
                    f.count = 0;
                }
            }
        }
    }

    /** A successful login clears the user name's count; the address's count stays (one good user, many guesses). */
    void succeeded(String user) {
        failures.remove(userKey(user));
    }

    private void forgetExpired(Instant now) {
        failures.entrySet().removeIf(e -> {
            Failures f = e.getValue();
            synchronized (f) {
                return (f.lockedUntil == null || !f.lockedUntil.isAfter(now))
                        && (f.last == null || Duration.between(f.last, now).compareTo(lockout) > 0);
            }
        });
    }

    private static String[] keys(String user, String address) {
        return address == null ? new String[] {userKey(user)} : new String[] {userKey(user), "address:" + address};
    }

    private static String userKey(String user) {
        return "user:" + (user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
