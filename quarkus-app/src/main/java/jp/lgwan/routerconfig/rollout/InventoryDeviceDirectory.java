package jp.lgwan.routerconfig.rollout;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Iterator;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceDirectory;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Credentials;
import jp.lgwan.routerconfig.render.SecretPlaceholder;
import jp.lgwan.routerconfig.security.CredentialException;
import jp.lgwan.routerconfig.security.CredentialStore;
import jp.lgwan.routerconfig.security.Secret;
import jp.lgwan.routerconfig.security.SecretKind;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Real routers: SSH to the management address on port 22 with the host key the inventory pins,
 * SNMP to the same address on 161; every credential resolved from the credential store by the
 * reference the inventory names. The SSH secret is the OpenSSH private key (or, where the
 * inventory allows password logins, the password); the SNMPv3 secret holds {@code auth=} and
 * {@code priv=} lines and the user is the one of {@code operations.yaml}.
 */
public final class InventoryDeviceDirectory implements DeviceDirectory {

    private final CredentialStore credentials;
    private final String sshUser;
    private final String snmpUser;
    private final Duration timeout;

    public InventoryDeviceDirectory(CredentialStore credentials, String sshUser, String snmpUser, Duration timeout) {
        this.credentials = credentials;
        this.sshUser = sshUser;
        this.snmpUser = snmpUser;
        this.timeout = timeout;
    }

    @Override
    public DeviceAccess access(ConnectionRouter router) throws DeviceException {
        String host = router.managementAddress().toString();
        SshCli.Endpoint ssh = new SshCli.Endpoint(host, 22, sshUser, router.sshHostKey(), timeout, timeout, timeout);
        try {
            Secret login = credentials.resolve(SecretKind.SSH, router.credentials().sshRef());
            KeyPair key = null;
            String password = null;
            if (router.credentials().sshAuth() == Credentials.SshAuth.PUBLICKEY) {
                key = keyPair(login);
            } else {
                password = login.text();
            }
            Secret poller = credentials.resolve(SecretKind.SNMP, router.credentials().snmpRef());
            SnmpTarget snmp = router.credentials().snmpVersion() == Credentials.SnmpVersion.V2C
                    ? SnmpTarget.v2c(host, 161, poller.field("community"))
                    : SnmpTarget.v3(host, 161, snmpUser, SnmpTarget.Auth.SHA256, poller.field("auth"), poller.field("priv"));
            return new DeviceAccess(ssh, key, password, snmp);
        } catch (CredentialException e) {
            throw new DeviceException(router.hostname() + ": " + e.getMessage());
        }
    }

    @Override
    public SecretPlaceholder.Resolved resolveSecrets(String renderedConfig) throws DeviceException {
        try {
            // the templates place only the poller's keys (RouterModel's auth_key and priv_key): a placeholder naming any other
            // kind of secret is refused, so a template cannot copy the login key or an address into a config
            return SecretPlaceholder.resolve(renderedConfig, (reference, field) -> credentials.resolve(SecretKind.SNMP, reference).field(field));
        } catch (Exception e) {
            throw new DeviceException("cannot fill in the config's secrets: " + e.getMessage());
        }
    }

    private static KeyPair keyPair(Secret secret) throws CredentialException {
        try {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, () -> secret.reference(),
                    new ByteArrayInputStream(secret.bytes()), FilePasswordProvider.EMPTY);
            Iterator<KeyPair> iterator = keys == null ? null : keys.iterator();
            if (iterator == null || !iterator.hasNext()) {
                throw new CredentialException("secret " + secret.reference() + " holds no private key");
            }
            return iterator.next();
        } catch (CredentialException e) {
            throw e;
        } catch (Exception e) {
            throw new CredentialException("secret " + secret.reference() + " is not an OpenSSH private key: " + e.getMessage());
        }
    }
}
