package jp.lgwan.routerconfig.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jp.lgwan.routerconfig.change.Actor;

/** The caller as the domain sees it. */
@RequestScoped
public class Actors {

    private final SecurityIdentity identity;

    public Actors(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Actor current() {
        return new Actor(identity.getPrincipal().getName(), identity.getRoles());
    }
}
