#!/usr/bin/python3
"""The diff job of `diff` written as a small Python program, for the bench's side by side (BENCHMARKS.md):
read every organization file of two inventory folders with PyYAML's C loader, build each router's model,
render it with one Jinja2 template equivalent to templates/cisco-iosxe/router.ftl, and compare the two
renders of each router with difflib. One process, one core, no cache: what a team would write first.

usage: config_diff.py BASE_INVENTORY HEAD_INVENTORY OUT_FILE
prints: "<changed> of <compared> routers change"
"""
import difflib
import ipaddress
import os
import sys

import jinja2
import yaml

TEMPLATE = """hostname {{ router.hostname.split('.')[0] }}
ip domain name {{ router.hostname.split('.', 1)[1] }}
!
policy-map LGWAN-WAN-SHAPE
 class class-default
  shape average {{ line.bandwidth_bps }}
!
{% for itf in interfaces %}interface {{ itf.name }}
{% if itf.description %} description {{ itf.description }}
{% endif %}{% if itf.address %} ip address {{ itf.address.ip }} {{ itf.address.netmask }}
{% else %} no ip address
{% endif %}{% if itf.mode.auto %} negotiation auto
{% else %} speed {{ itf.mode.speed }}
 duplex {{ itf.mode.duplex }}
{% endif %}{% if itf.name == wan.name %} service-policy output LGWAN-WAN-SHAPE
{% endif %} no shutdown
!
{% endfor %}{% for r in routes %}ip route {{ r.network }} {{ r.netmask }} {{ r.next_hop }} name {{ r.description | replace(' ', '-') }}
{% endfor %}!
ip access-list standard MGMT-SSH
{% for s in management_sources %} {{ loop.index * 10 }} permit {{ s.network }} {{ s.wildcard }}
{% endfor %}ip access-list standard SNMP-POLLER
{% for s in management_sources %} {{ loop.index * 10 }} permit {{ s.network }} {{ s.wildcard }}
{% endfor %}!
{% for n in ntp_servers %}ntp server {{ n }}
{% endfor %}{% for s in syslog_servers %}logging host {{ s }}
{% endfor %}!
snmp-server view {{ snmp.view }} iso included
snmp-server group {{ snmp.group }} v3 priv read {{ snmp.view }} access SNMP-POLLER
snmp-server user {{ snmp.user }} {{ snmp.group }} v3 auth {{ snmp.auth }} {{ snmp.auth_key }} priv {{ snmp.priv }} {{ snmp.priv_key }}
!
banner motd ^{{ banner }}^
!
line vty 0 4
 access-class MGMT-SSH in
 transport input ssh
!
end
"""


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


def network_view(prefix):
    net = ipaddress.ip_network(prefix, strict=False)
    return {"network": str(net.network_address), "netmask": str(net.netmask), "wildcard": str(net.hostmask), "length": net.prefixlen}


def mode_view(text):
    if text == "auto":
        return {"auto": True}
    speed, duplex = text.split("-")
    return {"auto": False, "speed": int(speed), "duplex": duplex}


def models(inventory):
    network = load(os.path.join(inventory, "reference", "prefecture-network.yaml"))
    operations = load(os.path.join(inventory, "reference", "operations.yaml"))
    reached = {p["id"]: p for p in (network.get("access_points") or []) + (network.get("prefecture_nodes") or [])}
    folder = os.path.join(inventory, "organizations")
    result = {}
    for name in sorted(os.listdir(folder)):
        org = load(os.path.join(folder, name))
        for router in org.get("routers") or []:
            line = next(l for l in org["access_lines"] if l["router"] == router["hostname"])
            interfaces = []
            wan = None
            for itf in router["interfaces"]:
                view = {"name": itf["name"], "description": itf.get("description"), "mode": mode_view(str(itf["mode"]))}
                if itf.get("address"):
                    address = ipaddress.ip_interface(itf["address"])
                    view["address"] = {"ip": str(address.ip), "netmask": str(address.netmask)}
                    if itf["name"] == line["router_interface"]:
                        peer = line.get("gateway") or str(address.ip + 1 if int(address.ip) % 4 == 1 else address.ip - 1)
                interfaces.append(view)
                if itf["name"] == line["router_interface"]:
                    wan = view
            target = reached[line["reaches"]]
            routes = [dict(network_view(target["address"] + "/32"), next_hop=peer, description="to " + target["id"])]
            routes += [dict(network_view(p), next_hop=peer, description="LGWAN backbone") for p in operations["backbone_routes"]]
            result[router["hostname"]] = {
                "router": router, "interfaces": interfaces, "wan": wan, "routes": routes,
                "line": {"bandwidth_bps": int(line["bandwidth_mbps"]) * 1000000},
                "management_sources": [network_view(p) for p in operations["management_sources"]],
                "ntp_servers": operations["ntp_servers"], "syslog_servers": operations["syslog_servers"],
                "snmp": {"user": operations["snmp_user"], "group": "LGWAN-POLLER", "view": "LGWAN-RO", "auth": "sha256", "priv": "aes 128",
                         "auth_key": "{{secret}}", "priv_key": "{{secret}}"},
                "banner": "LGWAN connection router of %s (%s). Authorized access only." % (org["name_en"], org["code"]),
            }
    return result


def main():
    base_dir, head_dir, out = sys.argv[1:4]
    template = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False).from_string(TEMPLATE)
    base = {h: template.render(**m) for h, m in models(base_dir).items()}
    head = {h: template.render(**m) for h, m in models(head_dir).items()}
    changed = 0
    with open(out, "w") as report:
        for hostname in sorted(set(base) | set(head)):
            before = base.get(hostname, "").splitlines(keepends=True)
            after = head.get(hostname, "").splitlines(keepends=True)
            if before != after:
                changed += 1
                report.writelines(difflib.unified_diff(before, after, hostname, hostname))
    print("%d of %d routers change" % (changed, len(set(base) | set(head))))


if __name__ == "__main__":
    main()
