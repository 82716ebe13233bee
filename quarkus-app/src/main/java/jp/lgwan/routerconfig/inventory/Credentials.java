package jp.lgwan.routerconfig.inventory;

import jakarta.validation.constraints.NotBlank;
import jp.lgwan.routerconfig.inventory.rules.SecretReference;

/**
 * How the operating body logs in to a router and polls it, by <em>reference name</em> only: the
 * values live in the credential store outside the inventory and are resolved at push time.
 *
 * @param sshAuth     publickey unless the router can do nothing better
 * @param snmpVersion v3 (authPriv) unless the router can do nothing better
 * @param snmpAuth    the SNMPv3 authentication protocol where this router differs from its vendor profile's
 *                    first (rule snmp-auth-supported); null: the profile's
 */
public record Credentials(
        @NotBlank @SecretReference String sshRef,
        SshAuth sshAuth,
        @NotBlank @SecretReference String snmpRef,
        SnmpVersion snmpVersion,
        SnmpAuthProtocol snmpAuth) {

    public Credentials {
        sshAuth = sshAuth == null ? SshAuth.PUBLICKEY : sshAuth;
        snmpVersion = snmpVersion == null ? SnmpVersion.V3 : snmpVersion;
    }

    public enum SshAuth { PUBLICKEY, PASSWORD, KEYBOARD_INTERACTIVE }

    public enum SnmpVersion { V3, V2C }
}
