package jp.lgwan.routerconfig.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.inventory.SecretKind;

/**
 * Where secrets live, outside the inventory: the inventory names them ({@code ssh/operating-body},
 * {@code snmp/verification-poller}, {@code global-address/<hostname>}) and this store resolves the
 * name at push time — from an environment variable ({@code LGWAN_SECRET_SSH_OPERATING_BODY}) first,
 * else from a file under the secrets directory ({@code <dir>/ssh/operating-body}), which, as
 * OpenSSH insists for keys, nobody but its owner may read.
 */
public final class CredentialStore {

    private static final Pattern REFERENCE = Pattern.compile("[a-z][a-z0-9]*([._/-][a-z0-9]+)*");

    private final Path directory;
    private final Map<String, String> environment;

    public CredentialStore(Path directory, Map<String, String> environment) {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
    }

    /** The store of this process: {@code LGWAN_SECRETS_DIR} (default {@code ./secrets}) and the environment. */
    public static CredentialStore fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new CredentialStore(Path.of(env.getOrDefault("LGWAN_SECRETS_DIR", "secrets")), env);
    }

    /** The environment variable a reference is looked up in. */
    public static String variableFor(String reference) {
        return "LGWAN_SECRET_" + reference.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * The secret {@code reference} names, read only as the {@code kind} the caller asks for: a
     * reference outside the kind's namespace is refused before anything is read, and a global
     * address that is not an address is refused after, so a value of one kind never leaves as
     * another.
     */
    public Secret resolve(SecretKind kind, String reference) throws CredentialException {
        if (!kind.names(reference)) {
            throw new CredentialException("refused: " + kind.refusal(reference));
        }
        Secret secret = read(reference);
        if (!kind.fits(secret.text().strip())) {
            throw new CredentialException("secret " + reference + " does not hold " + kind.description() + "; refused");
        }
        return secret;
    }

    private Secret read(String reference) throws CredentialException {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            throw new CredentialException("not a secret reference: " + (reference == null ? "null" : "'" + reference + "'"));
        }
        String variable = variableFor(reference);
        String fromEnvironment = environment.get(variable);
        if (fromEnvironment != null) {
            return new Secret(reference, fromEnvironment.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path root = directory.toAbsolutePath().normalize();
        Path file = root.resolve(reference).normalize();
        if (!file.startsWith(root)) {
            throw new CredentialException("secret reference " + reference + " points outside " + root);
        }
        if (!Files.isRegularFile(file)) {
            throw new CredentialException("no secret " + reference + ": neither the environment variable " + variable + " nor the file " + file);
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new CredentialException("secret file " + file + " has mode " + PosixFilePermissions.toString(permissions)
                            + ": other users may read or change it, so it is not used; chmod 600 " + file);
                }
            }
            return new Secret(reference, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CredentialException("cannot read the secret file " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
