package jp.lgwan.routerconfig.database;

import java.io.IOException;

/** Why the embedded PostgreSQL cannot start or run, in one line a person can act on. */
public final class EmbeddedDatabaseException extends IOException {

    public EmbeddedDatabaseException(String message) {
        super(message);
    }

    public EmbeddedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
