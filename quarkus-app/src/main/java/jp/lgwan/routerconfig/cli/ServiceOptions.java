package jp.lgwan.routerconfig.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a client command reaches the running service; see {@link jp.lgwan.routerconfig.client.ClientSettings} for the order of sources. */
final class ServiceOptions {

    @Option(names = "--url", paramLabel = "URL", description = "the service (default: $LGWAN_URL, the credentials file's url=, else http://localhost:8080)")
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "the API user (default: $LGWAN_USER, else the credentials file's user=);"
            + " the password comes from $LGWAN_PASSWORD or the file's password=, never from an option")
    String user;

    @Option(names = "--credentials", paramLabel = "FILE", description = "url=, user=, password= lines, readable by you only"
            + " (default: $LGWAN_CREDENTIALS, else ~/.config/lgwan-config/credentials if it exists)")
    Path credentials;

    /** Taken only to be refused without echoing it: picocli would print an unknown option's value in its error. */
    @Option(names = "--password", hidden = true, paramLabel = "SECRET")
    String password;

    @Option(names = "--json", description = "print the service's JSON answer as it came, instead of lines for people")
    boolean json;
}
