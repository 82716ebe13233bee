package jp.lgwan.routerconfig.device;

import java.security.KeyPair;

/**
 * Everything needed to reach one router, resolved from the credential store at push time and
 * never kept: its CLI over SSH (key, or password where the inventory allows it) and its SNMP agent.
 */
public record DeviceAccess(SshCli.Endpoint ssh, KeyPair key, String password, SnmpTarget snmp) {

    @Override
    public String toString() {
        return "DeviceAccess[" + ssh.host() + ":" + ssh.port() + ", snmp " + snmp + "]";
    }
}
