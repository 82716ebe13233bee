package jp.lgwan.routerconfig.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The console's sessions: after a form login (its password checked by {@link PasswordLogin}, with
 * its throttle and log), every later request carries the form mechanism's encrypted cookie, which
 * Quarkus hands over as a {@link TrustedAuthenticationRequest} naming the user. The identity is the
 * one {@link PasswordLogin} gives that user now: the same users and roles as the API, and a user
 * removed from the configuration is refused even with a session still open.
 */
@ApplicationScoped
public class SessionLogin implements IdentityProvider<TrustedAuthenticationRequest> {

    private final PasswordLogin passwords;

    public SessionLogin(PasswordLogin passwords) {
        this.passwords = passwords;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return passwords.sessionIdentity(request.getPrincipal()).map(identity -> Uni.createFrom().item(identity))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("the session's user is no longer configured")));
    }
}
