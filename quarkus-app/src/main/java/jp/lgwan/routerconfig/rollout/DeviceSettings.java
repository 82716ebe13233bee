package jp.lgwan.routerconfig.rollout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the service reaches real routers ({@code lgwan.device.*}): the login, the ports a router of
 * the inventory uses unless it names its own ({@code ssh_port}, {@code snmp_port}), and how long
 * each step may take. Defaults are declared here and nowhere else.
 */
@ConfigMapping(prefix = "lgwan.device")
public interface DeviceSettings {

    /** The user the operating body logs in to routers as (its key or password: the credential store's {@code ssh_ref}). */
    @WithDefault("lgwan-ops")
    String sshUser();

    /** SSH port of a router whose inventory entry names none. */
    @WithDefault("22")
    int sshPort();

    /** SNMP port of a router whose inventory entry names none. */
    @WithDefault("161")
    int snmpPort();

    /** TCP connect, and the shell channel opening, to the router's SSH server. */
    @WithDefault("15s")
    Duration sshConnectTimeout();

    /** Host key check and login. */
    @WithDefault("15s")
    Duration sshAuthTimeout();

    /** One command, from sending it to its prompt: a whole {@code show running-config} of a large router must fit. */
    @WithDefault("15s")
    Duration sshCommandTimeout();

    /** One SNMP request's wait for its answer, before a retry. */
    @WithDefault("2s")
    Duration snmpTimeout();

    /** SNMP retries after the first request of each poll step. */
    @WithDefault("1")
    int snmpRetries();
}
