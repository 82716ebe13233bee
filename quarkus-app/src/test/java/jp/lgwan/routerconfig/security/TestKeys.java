package jp.lgwan.routerconfig.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** Keys the tests need, made at run time: no private key is ever committed, not even a stand-in. */
public final class TestKeys {

    private TestKeys() {
    }

    /** A new Ed25519 private key in OpenSSH's file format, as the credential store holds the operating body's login. */
    public static String openSshPrivateKey() {
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(VirtualSshServer.newHostKey(), "test", null, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return key.toString(StandardCharsets.US_ASCII);
    }
}
