package jp.lgwan.routerconfig.device;

import java.security.KeyPair;

/**
 * Everything needed to reach one router, resolved from the credential store at push time and
 * never kept: its CLI over SSH (key, or password where the inventory allows it), the password of
 * its CLI's administrator level where the dialect elevates after login (null where none is named),
 * and its SNMP agent.
 */
public record DeviceAccess(SshCli.Endpoint ssh, KeyPair key, String password, SnmpTarget snmp, AdministratorPassword administrator) {

    public DeviceAccess(SshCli.Endpoint ssh, KeyPair key, String password, SnmpTarget snmp) {
        this(ssh, key, password, snmp, null);
    }

    @Override
    public String toString() {
        return "DeviceAccess[" + ssh.host() + ":" + ssh.port() + ", snmp " + snmp + "]";
    }
}
