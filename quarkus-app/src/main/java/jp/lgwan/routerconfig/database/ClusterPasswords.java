package jp.lgwan.routerconfig.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.lgwan.routerconfig.security.OwnerOnly;

/**
 * The passwords of the embedded PostgreSQL's two roles — its superuser and the service's own role —
 * made at random at its first start and kept in an owner-only file in PostgreSQL's own password file
 * format, so that an administrator can use it as it is:
 * {@code PGPASSFILE=data/pgpass psql -h 127.0.0.1 -p PORT -U postgres}.
 */
record ClusterPasswords(String superuser, String service) {

    static final String FILE = "pgpass";

    private static final SecureRandom RANDOM = new SecureRandom();

    static ClusterPasswords random() {
        return new ClusterPasswords(randomPassword(), randomPassword());
    }

    /** 256 random bits in base64url: no character that pgpass or a connection string would need to escape. */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean existIn(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE));
    }

    /** Reads them back, refusing a file that other users could read or change. */
    static ClusterPasswords readFrom(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Map<String, String> byRole = new LinkedHashMap<>();
        for (String line : OwnerOnly.read(file).lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(":", 5);
            if (fields.length == 5) {
                byRole.put(fields[3], fields[4]);
            }
        }
        String superuser = byRole.get(EmbeddedDatabase.SUPERUSER);
        String service = byRole.get(EmbeddedDatabase.SERVICE_ROLE);
        if (superuser == null || service == null || superuser.isEmpty() || service.isEmpty()) {
            throw new IOException(file + " lacks the password of " + (superuser == null || superuser.isEmpty() ? EmbeddedDatabase.SUPERUSER
                    : EmbeddedDatabase.SERVICE_ROLE) + " (lines *:*:*:ROLE:PASSWORD)");
        }
        return new ClusterPasswords(superuser, service);
    }

    void writeTo(Path dataDir) throws IOException {
        OwnerOnly.write(dataDir.resolve(FILE), """
                # The embedded PostgreSQL's roles, made at its first start; only this file knows their passwords.
                # PostgreSQL's password file format: PGPASSFILE=%s psql -h 127.0.0.1 -p PORT -U %s postgres
                *:*:*:%s:%s
                *:*:*:%s:%s
                """.formatted(dataDir.resolve(FILE), EmbeddedDatabase.SUPERUSER, EmbeddedDatabase.SUPERUSER, superuser,
                EmbeddedDatabase.SERVICE_ROLE, service));
    }

    @Override
    public String toString() {
        return "ClusterPasswords[***]";
    }
}
