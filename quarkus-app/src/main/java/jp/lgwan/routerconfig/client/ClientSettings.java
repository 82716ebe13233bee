package jp.lgwan.routerconfig.client;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import jp.lgwan.routerconfig.security.OwnerOnly;

/**
 * Where the client finds the service and who it is there. Each value comes from the first of: the
 * command's option, the environment ({@code LGWAN_URL}, {@code LGWAN_USER}, {@code LGWAN_PASSWORD}),
 * the credentials file ({@code --credentials}, {@code LGWAN_CREDENTIALS}, else
 * {@code ~/.config/lgwan-config/credentials} when it exists: {@code url=}, {@code user=},
 * {@code password=} lines), and for the URL the default {@value #DEFAULT_URL}. A password is never an
 * option (every local user could read it in the process list), and a file holding one must be
 * readable by its owner only, as OpenSSH asks of a private key.
 */
public record ClientSettings(String url, String user, char[] password, String source) {

    public static final String DEFAULT_URL = "http://localhost:8080";
    static final Path DEFAULT_FILE = Path.of(".config", "lgwan-config", "credentials");

    /** Why the client cannot start: one line naming what is missing or wrong. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param url         the {@code --url} option, or null
     * @param user        the {@code --user} option, or null
     * @param credentials the {@code --credentials} option, or null
     * @param environment the process's environment (a map, so tests need not change theirs)
     * @param home        the user's home folder
     */
    public static ClientSettings resolve(String url, String user, Path credentials, Map<String, String> environment, Path home) throws Invalid {
        Path file = credentials != null ? credentials
                : environment.containsKey("LGWAN_CREDENTIALS") ? Path.of(environment.get("LGWAN_CREDENTIALS"))
                : home == null ? null : home.resolve(DEFAULT_FILE);
        Properties stored = new Properties();
        boolean named = credentials != null || environment.containsKey("LGWAN_CREDENTIALS");
        if (file != null && (named || Files.exists(file))) {
            stored = read(file);
        }
        String from = file != null && !stored.isEmpty() ? file.toString() : null;
        String chosenUrl = first(url, environment.get("LGWAN_URL"), stored.getProperty("url"), DEFAULT_URL);
        String chosenUser = first(user, environment.get("LGWAN_USER"), stored.getProperty("user"), null);
        String password = first(environment.get("LGWAN_PASSWORD"), stored.getProperty("password"), null, null);
        if (chosenUser == null || chosenUser.isBlank()) {
            throw new Invalid("no user: give --user, set LGWAN_USER, or put user= in " + (file == null ? "~/" + DEFAULT_FILE : file));
        }
        if (password == null) {
            throw new Invalid("no password for " + chosenUser + ": set LGWAN_PASSWORD, or put password= in " + (file == null ? "~/" + DEFAULT_FILE : file)
                    + " (chmod 600); it is never an option");
        }
        URI parsed;
        try {
            parsed = URI.create(chosenUrl.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new Invalid("--url " + chosenUrl + " is not a URL");
        }
        if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) || parsed.getHost() == null) {
            throw new Invalid("--url " + chosenUrl + " is not an http:// or https:// URL of the service (e.g. " + DEFAULT_URL + ")");
        }
        return new ClientSettings(parsed.toString(), chosenUser, password.toCharArray(), from == null ? "options and environment" : from);
    }

    /** Who asks where, for messages: never the password. */
    public String describe() {
        return "user " + user + " at " + url + " (from " + source + ")";
    }

    @Override
    public String toString() {
        return "ClientSettings[" + describe() + "]";
    }

    private static Properties read(Path file) throws Invalid {
        Properties properties = new Properties();
        if (!Files.isRegularFile(file)) {
            throw new Invalid("credentials file " + file + " does not exist or is not a file");
        }
        try {
            if (!OwnerOnly.isOwnerOnly(file)) {
                throw new Invalid("credentials file " + file + " may be read by others (mode " + OwnerOnly.octal(OwnerOnly.mode(file))
                        + "): chmod 600 " + file);
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new Invalid("credentials file " + file + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            if (!key.equals("url") && !key.equals("user") && !key.equals("password")) {
                throw new Invalid("credentials file " + file + ": unknown key " + key + " (known: url, user, password)");
            }
        }
        return properties;
    }

    private static String first(String a, String b, String c, String otherwise) {
        for (String value : new String[] {a, b, c}) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return otherwise;
    }
}
