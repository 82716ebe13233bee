package jp.lgwan.routerconfig.inventory.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.AccessLineKind;
import jp.lgwan.routerconfig.inventory.AccessPoint;
import jp.lgwan.routerconfig.inventory.CarrierService;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Contact;
import jp.lgwan.routerconfig.inventory.Contacts;
import jp.lgwan.routerconfig.inventory.Credentials;
import jp.lgwan.routerconfig.inventory.EndOfSupport;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.InterfaceRole;
import jp.lgwan.routerconfig.inventory.Ipv4Address;
import jp.lgwan.routerconfig.inventory.Ipv4Prefix;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.OrganizationKind;
import jp.lgwan.routerconfig.inventory.Prefecture;
import jp.lgwan.routerconfig.inventory.PrefectureNetwork;
import jp.lgwan.routerconfig.inventory.PrefectureNode;
import jp.lgwan.routerconfig.inventory.RouterInterface;
import jp.lgwan.routerconfig.inventory.TerminationDevice;
import jp.lgwan.routerconfig.inventory.TerminationDeviceKind;
import jp.lgwan.routerconfig.inventory.VendorProfile;
import jp.lgwan.routerconfig.inventory.VendorProfiles;
import jp.lgwan.routerconfig.inventory.load.YamlWriter;
import jp.lgwan.routerconfig.inventory.rules.LocalGovernmentCode;

/**
 * Generates a fleet that is valid by construction, for tests and benchmarks: one prefecture per
 * prefecture code first, then municipalities, associations and ASP hosting providers spread over
 * the 47 prefectures, each with one router (one in twenty with a redundancy pair), one access line
 * and a termination device in the router's mode. The same seed gives the same files.
 */
public final class FleetGenerator {

    private static final String[] SURNAMES = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"};
    private static final String[] GIVEN_NAMES = {"太郎", "花子", "一郎", "美咲", "健", "陽子", "誠", "由美"};
    /** The carrier service of every generated carrier line, connected to every generated prefecture node. */
    private static final String GENERATED_CARRIER = "NTT East";
    private static final String GENERATED_PRODUCT = "FLETS Hikari Next";
    private static final int[] BANDWIDTHS = {10, 20, 50, 100, 200, 500, 1000, 10000};

    private final UsableProfiles profiles;
    private final LocalDate asOf;
    private final SplittableRandom random;

    /** Uses only the models and OS releases of {@code profiles} that are supported a year past {@code asOf}. */
    public FleetGenerator(VendorProfiles profiles, LocalDate asOf, long seed) {
        this(profiles, asOf, seed, java.util.Set.of());
    }

    /** As above, with routers of the vendor profiles named in {@code only} (all when empty). */
    public FleetGenerator(VendorProfiles profiles, LocalDate asOf, long seed, java.util.Set<String> only) {
        this.profiles = new UsableProfiles(profiles, asOf.plusYears(1), only);
        this.asOf = asOf;
        this.random = new SplittableRandom(seed);
    }

    /** The profiles with a model and an OS release still supported on the given day, with those releases. */
    private record UsableProfiles(List<VendorProfile> usable, List<List<VendorProfile.OsRelease>> releases,
                                  List<List<VendorProfile.VendorModel>> models) {
        UsableProfiles(VendorProfiles all, LocalDate supportedUntil, java.util.Set<String> only) {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (VendorProfile profile : all.vendorProfiles()) {
                if (!only.isEmpty() && !only.contains(profile.id())) {
                    continue;
                }
                List<VendorProfile.OsRelease> live = profile.osReleases().stream()
                        .filter(r -> supportedOn(r.endOfSupport(), supportedUntil)).toList();
                List<VendorProfile.VendorModel> liveModels = profile.models().stream().filter(m -> supportedOn(m.endOfSupport(), supportedUntil)).toList();
                if (!live.isEmpty() && !liveModels.isEmpty()) {
                    usable.add(profile);
                    releases.add(live);
                    models.add(liveModels);
                }
            }
            if (usable.isEmpty()) {
                throw new IllegalArgumentException("no vendor profile" + (only.isEmpty() ? "" : " of " + new java.util.TreeSet<>(only))
                        + " has a model and an OS release supported until " + supportedUntil);
            }
        }
    }

    /** Whether a generated router may use equipment with this end of support: known and still supported on {@code day} (an unknown end blocks pushes). */
    private static boolean supportedOn(EndOfSupport end, LocalDate day) {
        return end != null && end.known() && !end.endedBefore(day);
    }

    /** The reference network: one prefecture node and one prefecture-WAN access point in each prefecture. */
    public PrefectureNetwork network() {
        List<PrefectureNode> nodes = new ArrayList<>();
        List<AccessPoint> accessPoints = new ArrayList<>();
        for (Prefecture prefecture : Prefecture.values()) {
            String name = prefecture.name().toLowerCase();
            nodes.add(new PrefectureNode(name + "-node", prefecture, name + " prefecture node", Ipv4Address.of(100, 64, prefecture.code(), 1),
                    List.of(new CarrierService(GENERATED_CARRIER, GENERATED_PRODUCT)), List.of()));
            accessPoints.add(new AccessPoint(name + "-wan-ap", prefecture, name + " prefecture WAN access point", Ipv4Address.of(100, 65, prefecture.code(), 1)));
        }
        return new PrefectureNetwork(nodes, accessPoints);
    }

    public List<Organization> organizations(int count) {
        List<Organization> organizations = new ArrayList<>(count);
        int[] nextMunicipality = new int[48];
        int[] nextAssociation = new int[48];
        Arrays.fill(nextMunicipality, 100);
        Arrays.fill(nextAssociation, 800);
        int asp = 0;
        for (int i = 0; i < count; i++) {
            Prefecture prefecture = Prefecture.values()[i % 47];
            int p = prefecture.code();
            String pref = prefecture.name().toLowerCase();
            OrganizationKind kind;
            String code;
            String domain;
            if (i < 47) {
                kind = OrganizationKind.PREFECTURE;
                code = LocalGovernmentCode.of(p, 0);
                domain = (prefecture == Prefecture.TOKYO ? "metro." : "pref.") + pref + ".lg.jp";
            } else if (i % 50 == 7 || nextMunicipality[p] > 799) {
                if (nextAssociation[p] > 999) {
                    kind = OrganizationKind.ASP_HOSTING_PROVIDER;
                    code = String.format("ASP-%05d", ++asp);
                    domain = String.format("asp%05d.example.jp", asp);
                } else {
                    kind = i % 100 == 7 ? OrganizationKind.WIDE_AREA_UNION : OrganizationKind.PARTIAL_AFFAIRS_ASSOCIATION;
                    code = LocalGovernmentCode.of(p, nextAssociation[p]++);
                    domain = "union.u" + code + "." + pref + ".lg.jp";
                }
            } else {
                kind = OrganizationKind.MUNICIPALITY;
                code = LocalGovernmentCode.of(p, nextMunicipality[p]++);
                domain = "town.t" + code + "." + pref + ".lg.jp";
            }
            organizations.add(organization(i, kind, code, domain, prefecture));
        }
        return organizations;
    }

    private Organization organization(int index, OrganizationKind kind, String code, String domain, Prefecture prefecture) {
        String stem = kind.isLocalGovernment() ? domain.substring(0, domain.length() - ".lg.jp".length()) : code.toLowerCase();
        boolean pair = index % 20 == 19;
        List<ConnectionRouter> routers = new ArrayList<>();
        List<AccessLine> lines = new ArrayList<>();
        String primary = "lgrt." + stem + ".lgwan.jp";
        String secondary = "lgsu." + stem + ".lgwan.jp";
        routers.add(router(index * 2, primary, pair ? secondary : null, lines, prefecture, code));
        if (pair) {
            routers.add(router(index * 2 + 1, secondary, primary, lines, prefecture, code));
        }
        String name = kind.isLocalGovernment() ? "団体" + code : "ASP事業者" + code;
        Contacts contacts = new Contacts(contact("情報政策課", domain, "lgwan"), contact("情報政策課", domain, "ops1"), contact("情報政策課", domain, "ops2"));
        return new Organization(code, kind, name, "Organization " + code, domain, prefecture, contacts, routers, lines);
    }

    private ConnectionRouter router(int n, String hostname, String peer, List<AccessLine> lines, Prefecture prefecture, String code) {
        int profileIndex = random.nextInt(profiles.usable().size());
        VendorProfile profile = profiles.usable().get(profileIndex);
        List<VendorProfile.VendorModel> models = profiles.models().get(profileIndex);
        VendorProfile.VendorModel model = models.get(random.nextInt(models.size()));
        List<VendorProfile.OsRelease> releases = profiles.releases().get(profileIndex);
        String osVersion = releases.get(random.nextInt(releases.size())).version() + "." + (1 + random.nextInt(9));
        List<InterfaceMode> fullModes = model.interfaceModes().stream().filter(m -> !m.isHalfDuplex()).toList();
        InterfaceMode wanMode = fullModes.get(random.nextInt(fullModes.size()));
        InterfaceMode lanMode = model.interfaceModes().contains(InterfaceMode.AUTO) ? InterfaceMode.AUTO : fullModes.get(0);
        int wanSpeed = wanMode.auto() ? model.maxSpeedMbps() : wanMode.speedMbps();
        int[] fitting = Arrays.stream(BANDWIDTHS).filter(b -> b <= Math.max(wanSpeed, 10)).toArray();
        int bandwidth = fitting[random.nextInt(fitting.length)];
        // management from 10/8, WAN /30s from 100.64/10 beyond the reference addresses: unique for up to 2^20 routers
        Ipv4Address management = new Ipv4Address((10 << 24) | (n + 1));
        Ipv4Address wan = new Ipv4Address((100 << 24) | (80 << 16) + n * 4 + 1);
        Ipv4Address lan = Ipv4Address.of(192, 168, n % 256, 1);
        RouterInterface wanPort = new RouterInterface(model.wanPort(), InterfaceRole.WAN, new Ipv4Prefix(wan, 30), "LGWAN access line", wanMode);
        RouterInterface lanPort = new RouterInterface(model.lanPort(), InterfaceRole.LAN, new Ipv4Prefix(lan, 24), "office LAN", lanMode);
        boolean prefectureWan = random.nextBoolean();
        String pref = prefecture.name().toLowerCase();
        lines.add(new AccessLine(code.toLowerCase() + "-line-" + (lines.size() + 1),
                prefectureWan ? AccessLineKind.PREFECTURE_WAN : AccessLineKind.CARRIER_LINE,
                prefectureWan ? "Prefecture WAN" : GENERATED_PRODUCT, prefectureWan ? "Prefecture WAN operator" : GENERATED_CARRIER,
                bandwidth, prefectureWan ? pref + "-wan-ap" : pref + "-node", hostname, model.wanPort(),
                new TerminationDevice(wanMode.auto() ? TerminationDeviceKind.ONU : TerminationDeviceKind.MEDIA_CONVERTER, null, wanMode), null));
        return new ConnectionRouter(hostname, profile.id(), model.name(), osVersion, management, "global-address/" + hostname,
                "SHA256:" + fingerprint(), new Credentials("ssh/operating-body", null, "snmp/verification-poller", null),
                List.of(wanPort, lanPort), peer);
    }

    private Contact contact(String department, String domain, String mailbox) {
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + " " + GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)];
        return new Contact(name, department, mailbox + "@" + domain, String.format("0%d-%03d-%04d", 1 + random.nextInt(9), random.nextInt(1000), random.nextInt(10000)));
    }

    private String fingerprint() {
        byte[] hash = new byte[32];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) random.nextInt(256);
        }
        return Base64.getEncoder().withoutPadding().encodeToString(hash);
    }

    /** Writes a complete inventory directory: the reference files (profiles and operations copied) and one file per organization. */
    public void write(Path out, int organizations, Path vendorProfilesFile, Path operationsFile) throws IOException {
        Path organizationsDir = Files.createDirectories(out.resolve("organizations"));
        Path referenceDir = Files.createDirectories(out.resolve("reference"));
        Files.copy(vendorProfilesFile, referenceDir.resolve("vendor-profiles.yaml"));
        Files.copy(operationsFile, referenceDir.resolve("operations.yaml"));
        Files.writeString(referenceDir.resolve("prefecture-network.yaml"),
                "# generated by generate-fleet as of " + asOf + "\n" + YamlWriter.write(network()), StandardCharsets.UTF_8);
        for (Organization org : organizations(organizations)) {
            Files.writeString(organizationsDir.resolve(org.code() + ".yaml"), YamlWriter.write(org), StandardCharsets.UTF_8);
        }
    }
}
