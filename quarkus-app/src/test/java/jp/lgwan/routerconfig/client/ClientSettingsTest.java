package jp.lgwan.routerconfig.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the client finds the service and its user: option, then environment, then the owner-only file, then the default. */
class ClientSettingsTest {

    @TempDir
    Path home;

    private Path credentials(String text, String mode) throws Exception {
        Path file = home.resolve(".config/lgwan-config/credentials");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void anOptionBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws Exception {
        credentials("url=http://file.example:8080\nuser=from-file\npassword=file-secret\n", "rw-------");
        ClientSettings fromFile = ClientSettings.resolve(null, null, null, Map.of(), home);
        assertEquals("http://file.example:8080", fromFile.url());
        assertEquals("from-file", fromFile.user());
        assertEquals("file-secret", new String(fromFile.password()));

        ClientSettings fromEnvironment = ClientSettings.resolve(null, null, null,
                Map.of("LGWAN_URL", "https://env.example/", "LGWAN_USER", "from-env", "LGWAN_PASSWORD", "env-secret"), home);
        assertEquals("https://env.example", fromEnvironment.url(), "a trailing slash is dropped: paths are appended");
        assertEquals("from-env", fromEnvironment.user());
        assertEquals("env-secret", new String(fromEnvironment.password()));

        ClientSettings fromOptions = ClientSettings.resolve("http://option.example:9090", "from-option", null,
                Map.of("LGWAN_URL", "https://env.example", "LGWAN_USER", "from-env"), home);
        assertEquals("http://option.example:9090", fromOptions.url());
        assertEquals("from-option", fromOptions.user());
        assertEquals("file-secret", new String(fromOptions.password()), "the password never comes from an option");

        ClientSettings defaults = ClientSettings.resolve(null, "operator", null, Map.of("LGWAN_PASSWORD", "x"), home.resolve("nobody"));
        assertEquals(ClientSettings.DEFAULT_URL, defaults.url());
        assertEquals("options and environment", defaults.source());
    }

    @Test
    void aCredentialsFileOthersMayReadIsRefusedWithTheCommandThatFixesIt() throws Exception {
        Path file = credentials("user=operator\npassword=secret\n", "rw-r--r--");
        ClientSettings.Invalid refused = assertThrows(ClientSettings.Invalid.class, () -> ClientSettings.resolve(null, null, null, Map.of(), home));
        assertEquals("credentials file " + file + " may be read by others (mode 0644): chmod 600 " + file, refused.getMessage());
    }

    /** Each way the settings can be wrong, and the one line that says so. */
    @Test
    void whatIsMissingOrWrongIsNamed() throws Exception {
        assertEquals("no user: give --user, set LGWAN_USER, or put user= in ~/.config/lgwan-config/credentials",
                assertThrows(ClientSettings.Invalid.class, () -> ClientSettings.resolve(null, null, null, Map.of(), null)).getMessage());
        assertEquals("no password for operator: set LGWAN_PASSWORD, or put password= in " + home.resolve(".config/lgwan-config/credentials")
                        + " (chmod 600); it is never an option",
                assertThrows(ClientSettings.Invalid.class, () -> ClientSettings.resolve(null, "operator", null, Map.of(), home)).getMessage());
        assertEquals("--url localhost:8080 is not an http:// or https:// URL of the service (e.g. http://localhost:8080)",
                assertThrows(ClientSettings.Invalid.class,
                        () -> ClientSettings.resolve("localhost:8080", "operator", null, Map.of("LGWAN_PASSWORD", "x"), home)).getMessage());
        Path missing = home.resolve("missing");
        assertEquals("credentials file " + missing + " does not exist or is not a file",
                assertThrows(ClientSettings.Invalid.class, () -> ClientSettings.resolve(null, null, missing, Map.of(), home)).getMessage());
        Path file = credentials("user=operator\npasword=typo\n", "rw-------");
        assertEquals("credentials file " + file + ": unknown key pasword (known: url, user, password)",
                assertThrows(ClientSettings.Invalid.class, () -> ClientSettings.resolve(null, null, null, Map.of(), home)).getMessage());
    }

    @Test
    void theSettingsNeverShowThePassword() throws Exception {
        ClientSettings settings = ClientSettings.resolve(null, "operator", null, Map.of("LGWAN_PASSWORD", "do-not-print"), home);
        assertEquals("ClientSettings[user operator at http://localhost:8080 (from options and environment)]", settings.toString());
    }
}
