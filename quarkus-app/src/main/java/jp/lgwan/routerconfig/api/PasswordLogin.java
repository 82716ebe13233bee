package jp.lgwan.routerconfig.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.Scope;
import jp.lgwan.routerconfig.security.LoginThrottle;
import jp.lgwan.routerconfig.security.OwnerOnly;
import jp.lgwan.routerconfig.security.PasswordHash;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * HTTP Basic logins against the users of {@code lgwan.auth.users} (or {@code serve --lab}'s demo
 * users): PBKDF2 hashes compared in constant time, an unknown user costing the same as a wrong
 * password, failed logins logged (user and address, never the password), counted in
 * {@code lgwan_login_failures_total{reason}} and throttled per user and per address
 * ({@link LoginThrottle}); a login refused while blocked answers 429 with {@code Retry-After}
 * ({@link AuthProblems}). Checked at start: a service with no user and no OIDC does not start.
 *
 * <p>A correct password is remembered for {@code lgwan.auth.login-cache} as a keyed hash (HMAC with a
 * key of this process), so the PBKDF2 cost is paid once per user and period, not per request — and
 * a user with a remembered login keeps working while somebody else's guesses block new logins.
 */
// made before Quartz starts its scheduler (its StartupEvent observer has priority PLATFORM_BEFORE): a service without users
// stops before any trigger is acquired, so the stop does not interrupt Quartz's firing loop, which logged a stack trace
@Startup(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE - 1)
@ApplicationScoped
public class PasswordLogin implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** The attribute of a refusal while blocked: seconds until a login may be tried again. */
    static final String RETRY_AFTER = "lgwan.login.retry-after-seconds";
    private static final Logger LOG = Logger.getLogger(PasswordLogin.class);
    private static final Set<String> ROLES = Set.of(Actor.ENGINEER, Actor.OPERATOR, Actor.CI, Actor.VIEWER, Actor.ORGANIZATION,
            Actor.PREFECTURE);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
    /** Demo passwords are known anyway: a cheap hash keeps `serve --lab` starting fast. */
    private static final int DEMO_ITERATIONS = 1_000;

    private record Account(String role, Scope scope, PasswordHash hash) {
    }

    private record Remembered(byte[] mac, Instant until) {
    }

    private final Map<String, Account> accounts;
    private final LoginThrottle throttle;
    private final Duration remember;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final byte[] rememberKey = new byte[32];
    /** PBKDF2 runs on at most as many threads as there are cores: a flood of guesses queues instead of starving the workers. */
    private final Semaphore hashing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final PasswordHash unknownUser;
    private final Counter wrongPassword;
    private final Counter unknownUserCounter;
    private final Counter throttled;

    public PasswordLogin(LoginSettings settings, MeterRegistry metrics) {
        new SecureRandom().nextBytes(rememberKey);
        this.accounts = accounts(settings);
        LoginSettings.Throttle t = settings.throttle();
        this.throttle = new LoginThrottle(new LoginThrottle.Settings(t.userFreeFailures(), t.sourceFreeFailures(), t.firstBlock(), t.longestBlock(),
                t.forgetAfter(), t.tracked()), clock);
        this.remember = settings.loginCache();
        // an unknown user costs what a known one does: the same iterations as the users have
        int iterations = accounts.values().stream().mapToInt(a -> a.hash().iterations()).max().orElse(PasswordHash.DEFAULT_ITERATIONS);
        this.unknownUser = PasswordHash.of(randomPassword(), iterations);
        String failures = "lgwan.login.failures";
        this.wrongPassword = Counter.builder(failures).tag("reason", "wrong-password").description("Failed API logins").register(metrics);
        this.unknownUserCounter = Counter.builder(failures).tag("reason", "unknown-user").description("Failed API logins").register(metrics);
        this.throttled = Counter.builder(failures).tag("reason", "throttled").description("Failed API logins").register(metrics);
    }

    /** The configured users, or the demo users, checked; a service that nobody could log in to does not start. */
    private static Map<String, Account> accounts(LoginSettings settings) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        settings.users().forEach((name, user) -> {
            String property = "lgwan.auth.users." + name;
            Scope scope;
            try {
                scope = Scope.parse(user.scope());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(property + ".scope: " + e.getMessage());
            }
            String role = user.role().or(scope::requiredRole).orElseThrow(() -> new IllegalStateException(property
                    + ".role is missing; one of engineer, operator, ci, viewer (or a scope organization:CODE / prefecture:NN)"));
            if (!ROLES.contains(role)) {
                throw new IllegalStateException(property + ".role: '" + role + "' is not a role; one of engineer, operator, ci, viewer,"
                        + " organization, prefecture");
            }
            if (!scope.fits(Set.of(role))) {
                throw new IllegalStateException(property + ".role: '" + role + "' does not go with scope " + scope + "; "
                        + scope.requiredRole().map(r -> "that scope's role is " + r)
                        .orElse("the operating body's roles are engineer, operator, ci, viewer"));
            }
            try {
                accounts.put(name, new Account(role, scope, PasswordHash.parse(user.passwordHash())));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(property + ".password-hash: " + e.getMessage());
            }
        });
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        boolean oidc = ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(false);
        if (accounts.isEmpty() && settings.demoUsers()) {
            if (!LOOPBACK.contains(host)) {
                throw new IllegalStateException("the demo users of serve --lab have known passwords and listen on loopback only, not on " + host
                        + "; configure users of your own (lgwan.auth.users, README \"Users and roles\") to listen there");
            }
            for (String role : List.of(Actor.ENGINEER, Actor.OPERATOR, Actor.CI, Actor.VIEWER)) {
                accounts.put(role, new Account(role, Scope.OPERATING_BODY, PasswordHash.of(role.toCharArray(), DEMO_ITERATIONS)));
            }
            // the sample's Sapporo (inventory/organizations/011002-sapporo.yaml) and its prefecture, Hokkaido
            accounts.put("sapporo", new Account(Actor.ORGANIZATION, Scope.parse("organization:011002"),
                    PasswordHash.of("sapporo".toCharArray(), DEMO_ITERATIONS)));
            accounts.put("hokkaido", new Account(Actor.PREFECTURE, Scope.parse("prefecture:01"),
                    PasswordHash.of("hokkaido".toCharArray(), DEMO_ITERATIONS)));
            LOG.warnf("DEMO USERS: engineer/engineer, operator/operator, ci/ci and viewer/viewer (the operating body), sapporo/sapporo"
                    + " (organization 011002) and hokkaido/hokkaido (prefecture 01), with known passwords, on %s only."
                    + " This is the lab (virtual routers); never point it at real routers", host);
        } else if (accounts.isEmpty() && !oidc) {
            throw new IllegalStateException("no API users are configured, and there are no built-in passwords: add"
                    + " lgwan.auth.users.NAME.role and lgwan.auth.users.NAME.password-hash (made by the hash-password command) to"
                    + " config/application.properties, or enable OIDC (README \"Users and roles\"); serve --lab runs the demo with known"
                    + " users on loopback");
        }
        accounts.forEach((name, account) -> {
            if (account.hash().iterations() < PasswordHash.DEFAULT_ITERATIONS && !settings.demoUsers()) {
                LOG.warnf("the password hash of user '%s' has %d PBKDF2 iterations, fewer than %d: make it again with hash-password", name,
                        account.hash().iterations(), PasswordHash.DEFAULT_ITERATIONS);
            }
        });
        Path file = Path.of("config", "application.properties");
        try {
            if (!settings.users().isEmpty() && Files.isRegularFile(file) && !OwnerOnly.isOwnerOnly(file)) {
                LOG.warnf("%s holds the API users' password hashes and is open to other users (mode %s): chmod 600 %s", file.toAbsolutePath(),
                        OwnerOnly.octal(OwnerOnly.mode(file)), file.toAbsolutePath());
            }
        } catch (IOException e) {
            LOG.warnf("cannot check the mode of %s: %s", file.toAbsolutePath(), e.getMessage());
        }
        String plain = ConfigProvider.getConfig().getOptionalValue("quarkus.http.insecure-requests", String.class).orElse("enabled");
        if (!accounts.isEmpty() && !LOOPBACK.contains(host) && plain.equalsIgnoreCase("enabled")) {
            LOG.warnf("HTTP Basic logins are accepted over plain HTTP on %s: passwords cross the network readable. Serve HTTPS"
                    + " (quarkus.http.ssl.certificate.files and quarkus.http.insecure-requests=disabled; README \"TLS\") or put a TLS proxy in front", host);
        }
        return Map.copyOf(accounts);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String user = request.getUsername();
        char[] password = request.getPassword().getPassword();
        Account account = accounts.get(user);
        if (account != null && rememberedLogin(user, password)) {
            return Uni.createFrom().item(identity(user, account));
        }
        String source = source(request);
        Optional<Duration> blocked = throttle.blocked(user, source);
        if (blocked.isPresent()) {
            return Uni.createFrom().failure(refusedWhileBlocked(user, source, blocked.get()));
        }
        return context.runBlocking(() -> verify(user, password, source, account));
    }

    private SecurityIdentity verify(String user, char[] password, String source, Account account) {
        hashing.acquireUninterruptibly();
        boolean correct;
        try {
            // looked at again with the permit held: guesses sent in parallel see each other's failures
            Optional<Duration> blocked = throttle.blocked(user, source);
            if (blocked.isPresent()) {
                throw refusedWhileBlocked(user, source, blocked.get());
            }
            if (account != null) {
                correct = account.hash().matches(password);
            } else {
                unknownUser.matches(password);
                correct = false;
            }
            if (correct) {
                throttle.succeeded(user);
                remembered.put(user, new Remembered(mac(user, password), clock.instant().plus(remember)));
                return identity(user, account);
            }
            LoginThrottle.Failure failure = throttle.failed(user, source);
            (account == null ? unknownUserCounter : wrongPassword).increment();
            LOG.warnf("login failed: user '%s' from %s: %s (%d failures in a row for this user, %d from this address)%s", printable(user), source,
                    account == null ? "no such user" : "wrong password", failure.userFailures(), failure.sourceFailures(),
                    failure.blockedFor().map(d -> "; its next logins are refused for " + seconds(d) + " s").orElse(""));
            throw new AuthenticationFailedException("wrong user name or password");
        } finally {
            hashing.release();
        }
    }

    private AuthenticationFailedException refusedWhileBlocked(String user, String source, Duration remaining) {
        throttled.increment();
        LOG.debugf("login refused without checking: user '%s' from %s is blocked for %d s more", printable(user), source, seconds(remaining));
        return new AuthenticationFailedException("too many failed logins", Map.of(RETRY_AFTER, seconds(remaining)));
    }

    private boolean rememberedLogin(String user, char[] password) {
        Remembered login = remembered.get(user);
        return login != null && login.until().isAfter(clock.instant()) && MessageDigest.isEqual(login.mac(), mac(user, password));
    }

    private byte[] mac(String user, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(rememberKey, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The identity a console session names (the form login's cookie, encrypted with the service's key,
     * holds the user's name once the password was checked here): empty when that user is no longer
     * configured, so removing a user ends their sessions too.
     */
    Optional<SecurityIdentity> sessionIdentity(String user) {
        Account account = accounts.get(user);
        return account == null ? Optional.empty() : Optional.of(identity(user, account));
    }

    private static SecurityIdentity identity(String user, Account account) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user)).addRole(account.role())
                .addAttribute(Actors.SCOPE_ATTRIBUTE, account.scope()).build();
    }

    /** The client's address as the HTTP layer sees it (behind a proxy: set quarkus.http.proxy.proxy-address-forwarding). */
    private static String source(UsernamePasswordAuthenticationRequest request) {
        RoutingContext context = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (context == null || context.request().remoteAddress() == null) {
            return "unknown";
        }
        return context.request().remoteAddress().hostAddress();
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    /** A user name as typed, safe to log: controls and bidi marks escaped, at most 64 characters. */
    static String printable(String user) {
        StringBuilder shown = new StringBuilder();
        user.codePoints().limit(64).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == '\'' || c == '\\') {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return user.codePointCount(0, user.length()) > 64 ? shown + "…" : shown.toString();
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }
}
