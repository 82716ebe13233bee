package jp.lgwan.routerconfig.rollout;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.function.Supplier;
import jp.lgwan.routerconfig.device.AdministratorPassword;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceDirectory;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Credentials;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.SecretKind;
import jp.lgwan.routerconfig.render.SecretPlaceholder;
import jp.lgwan.routerconfig.security.CredentialException;
import jp.lgwan.routerconfig.security.CredentialStore;
import jp.lgwan.routerconfig.security.Secret;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Real routers: SSH to the management address (on the router's {@code ssh_port}, else the
 * {@link DeviceSettings} default 22) with the host key the inventory pins, SNMP to the same address
 * (its {@code snmp_port}, else 161), timeouts and the login user from {@link DeviceSettings}; every credential resolved from the credential store by the
 * reference the inventory names. The SSH secret is the OpenSSH private key (or, where the
 * inventory allows password logins, the password); the administrator secret ({@code admin_ref},
 * where named) is the password of the CLI's administrator level as it is; the SNMPv3 secret holds
 * {@code auth=} and {@code priv=} lines, the user is the one of {@code operations.yaml}, and the
 * authentication protocol the router's (its credentials' {@code snmp_auth}, else its vendor
 * profile's), so the poller speaks what the template configured.
 */
public final class InventoryDeviceDirectory implements DeviceDirectory {

    private final CredentialStore credentials;
    private final DeviceSettings settings;
    private final Supplier<Inventory> inventory;

    /** @param inventory the inventory the routers come from (its SNMP user, each router's vendor profile) */
    public InventoryDeviceDirectory(CredentialStore credentials, DeviceSettings settings, Supplier<Inventory> inventory) {
        this.credentials = credentials;
        this.settings = settings;
        this.inventory = inventory;
    }

    @Override
    public DeviceAccess access(ConnectionRouter router) throws DeviceException {
        String host = router.managementAddress().toString();
        SshCli.Endpoint ssh = new SshCli.Endpoint(host, router.sshPortOr(settings.sshPort()), settings.sshUser(), router.sshHostKey(),
                settings.sshConnectTimeout(), settings.sshAuthTimeout(), settings.sshCommandTimeout());
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
            Inventory routers = inventory.get();
            SnmpTarget snmp = router.credentials().snmpVersion() == Credentials.SnmpVersion.V2C
                    ? SnmpTarget.v2c(host, router.snmpPortOr(settings.snmpPort()), poller.field("community"))
                    : SnmpTarget.v3(host, router.snmpPortOr(settings.snmpPort()), routers.operations().snmpUser(), routers.snmpAuth(router),
                            poller.field("auth"), poller.field("priv"));
            String adminRef = router.credentials().adminRef();
            AdministratorPassword administrator = adminRef == null ? null : new AdministratorPassword(credentials.resolve(SecretKind.SSH, adminRef).text());
            return new DeviceAccess(ssh, key, password, snmp.withTimeout(settings.snmpTimeout(), settings.snmpRetries()), administrator);
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
