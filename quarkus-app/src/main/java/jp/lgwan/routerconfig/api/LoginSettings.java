package jp.lgwan.routerconfig.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Who may log in to the API with HTTP Basic, and how failed logins are held back
 * ({@code lgwan.auth.*}, README "Users and roles"). There is no built-in user: {@code serve} refuses
 * to start without one (or OIDC), except {@code serve --lab}, whose demo users have known passwords
 * and listen on loopback only.
 */
@ConfigMapping(prefix = "lgwan.auth")
public interface LoginSettings {

    /**
     * {@code lgwan.auth.users.NAME.role}, {@code .password-hash} and {@code .scope}, one set per user.
     */
    Map<String, User> users();

    /**
     * Set by {@code serve --lab} and {@code serve --lab-dir}: when no user is configured, the demo users
     * {@code engineer}, {@code operator}, {@code ci} and {@code viewer}, each with its name as password.
     */
    @WithDefault("false")
    boolean demoUsers();

    /** How long a verified password is remembered (per user, as a keyed hash in memory), so that not every request pays for PBKDF2. */
    @WithDefault("10m")
    Duration loginCache();

    Throttle throttle();

    interface User {
        /**
         * engineer, operator, ci or viewer for the operating body; organization or prefecture for those
         * scopes, where it may be left out (the scope says it).
         */
        Optional<String> role();

        /**
         * Whose affairs the user sees ({@link jp.lgwan.routerconfig.change.Scope}): {@code operating-body}
         * (the default: users configured before scopes keep what they had), {@code organization:CODE}
         * or {@code prefecture:NN}.
         */
        @WithDefault("operating-body")
        String scope();

        /** {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}, as {@code hash-password} prints it. */
        String passwordHash();
    }

    /** {@link jp.lgwan.routerconfig.security.LoginThrottle}'s settings. */
    interface Throttle {
        /** Failures in a row of one user name before its logins are blocked. */
        @WithDefault("5")
        int userFreeFailures();

        /** Failures from one address before its logins are blocked (an address may be a proxy or NAT of many people). */
        @WithDefault("20")
        int sourceFreeFailures();

        /** The first block; each further failure doubles it. */
        @WithDefault("1s")
        Duration firstBlock();

        @WithDefault("15m")
        Duration longestBlock();

        /** A count with no failure for this long starts again. */
        @WithDefault("1h")
        Duration forgetAfter();

        /** User names and addresses remembered at most (each). */
        @WithDefault("10000")
        int tracked();
    }
}
