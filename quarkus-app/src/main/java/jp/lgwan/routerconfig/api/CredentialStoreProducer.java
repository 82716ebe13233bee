package jp.lgwan.routerconfig.api;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import jp.lgwan.routerconfig.security.CredentialStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's credential store: {@code lgwan.secrets-dir} (else {@code LGWAN_SECRETS_DIR}, else ./secrets) and the environment. */
@Singleton
public class CredentialStoreProducer {

    @Produces
    @Singleton
    CredentialStore credentials(@ConfigProperty(name = "lgwan.secrets-dir") Optional<Path> directory) {
        return directory.map(d -> new CredentialStore(d, System.getenv())).orElseGet(CredentialStore::fromEnvironment);
    }
}
