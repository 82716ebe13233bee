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
 * @param adminRef    optional: the secret holding the password of the CLI's administrator level
 *                    (管理パスワード), for routers whose login lands below the level that configures
 *                    (Yamaha RTX: {@code administrator} after login); null where there is none
 */
public record Credentials(
        @NotBlank @SecretReference String sshRef,
        SshAuth sshAuth,
        @NotBlank @SecretReference String snmpRef,
        SnmpVersion snmpVersion,
        SnmpAuthProtocol snmpAuth,
        @SecretReference String adminRef) {

    public Credentials {
        sshAuth = sshAuth == null ? SshAuth.PUBLICKEY : sshAuth;
        snmpVersion = snmpVersion == null ? SnmpVersion.V3 : snmpVersion;
    }

    /** With the vendor profile's SNMPv3 authentication and no administrator password (a router that logs in where it configures). */
    public Credentials(String sshRef, SshAuth sshAuth, String snmpRef, SnmpVersion snmpVersion) {
        this(sshRef, sshAuth, snmpRef, snmpVersion, null, null);
    }

    public enum SshAuth { PUBLICKEY, PASSWORD, KEYBOARD_INTERACTIVE }

    public enum SnmpVersion { V3, V2C }
}
