package jp.lgwan.routerconfig.inventory.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Operations;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.PrefectureNetwork;
import jp.lgwan.routerconfig.inventory.VendorProfiles;
import jp.lgwan.routerconfig.inventory.rules.FieldRules;
import jp.lgwan.routerconfig.inventory.rules.InventoryRules;

/**
 * Loads an inventory directory and checks it in one pass, collecting every finding:
 * <pre>
 * DIR/organizations/*.yaml          one organization each, with its routers and access lines
 * DIR/reference/prefecture-network.yaml   prefecture nodes and prefecture-WAN access points
 * DIR/reference/vendor-profiles.yaml      vendor profiles: models, their modes, OS end of support
 * DIR/reference/operations.yaml           the operating body's NTP, syslog, SNMP poller, sources, routes
 * </pre>
 * Files are read and field-checked in parallel; the cross-object rules then run over the whole.
 */
public final class InventoryLoader {

    public static final String ORGANIZATIONS = "organizations";
    public static final String NETWORK_FILE = "reference/prefecture-network.yaml";
    public static final String VENDOR_PROFILES_FILE = "reference/vendor-profiles.yaml";
    public static final String OPERATIONS_FILE = "reference/operations.yaml";

    private final YamlLimits limits;

    public InventoryLoader() {
        this(YamlLimits.DEFAULT);
    }

    public InventoryLoader(YamlLimits limits) {
        this.limits = limits;
    }

    private record FileResult<T>(T value, SourceLocations locations, List<Finding> findings) {
    }

    public LoadResult load(Path dir, LocalDate asOf) throws InventoryUnreadableException {
        if (!Files.isDirectory(dir)) {
            throw new InventoryUnreadableException("inventory directory " + dir + " " + (Files.exists(dir) ? "is not a directory" : "does not exist"));
        }
        Path organizationsDir = dir.resolve(ORGANIZATIONS);
        List<Path> organizationFiles;
        if (!Files.isDirectory(organizationsDir)) {
            throw new InventoryUnreadableException("inventory directory " + dir + " has no " + ORGANIZATIONS + "/ folder");
        }
        try (Stream<Path> files = Files.list(organizationsDir)) {
            // a broken link or unreadable entry is kept, to be reported, not skipped in silence
            organizationFiles = files.filter(p -> !Files.isDirectory(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new InventoryUnreadableException("cannot list " + organizationsDir + ": " + e.getMessage());
        }

        FileResult<PrefectureNetwork> network = readFile(dir, dir.resolve(NETWORK_FILE), PrefectureNetwork.class);
        FileResult<VendorProfiles> profiles = readFile(dir, dir.resolve(VENDOR_PROFILES_FILE), VendorProfiles.class);
        FileResult<Operations> operations = readFile(dir, dir.resolve(OPERATIONS_FILE), Operations.class);
        List<FileResult<Organization>> organizations = organizationFiles.parallelStream()
                .map(file -> readFile(dir, file, Organization.class))
                .toList();

        SourceLocations locations = new SourceLocations();
        List<Finding> findings = new ArrayList<>();
        for (FileResult<?> result : concat(List.of(network, profiles, operations), organizations)) {
            locations.addAll(result.locations);
            findings.addAll(result.findings);
        }
        Inventory inventory = new Inventory(
                organizations.stream().map(FileResult::value).filter(o -> o != null).toList(),
                network.value, profiles.value, operations.value);
        findings.addAll(InventoryRules.check(inventory, locations, asOf));
        findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line).thenComparingInt(Finding::column)
                .thenComparing(Finding::ruleId));
        List<String> files = new ArrayList<>();
        files.add(display(dir, dir.resolve(NETWORK_FILE)));
        files.add(display(dir, dir.resolve(VENDOR_PROFILES_FILE)));
        files.add(display(dir, dir.resolve(OPERATIONS_FILE)));
        organizationFiles.forEach(f -> files.add(display(dir, f)));
        return new LoadResult(inventory, locations, List.copyOf(findings), List.copyOf(files));
    }

    private static List<FileResult<?>> concat(List<? extends FileResult<?>> first, List<? extends FileResult<?>> rest) {
        List<FileResult<?>> all = new ArrayList<>(first.size() + rest.size());
        all.addAll(first);
        all.addAll(rest);
        return all;
    }

    private <T extends Record> FileResult<T> readFile(Path dir, Path file, Class<T> type) {
        String display = display(dir, file);
        SourceLocations locations = new SourceLocations();
        List<Finding> findings = new ArrayList<>();
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            findings.add(new Finding(Finding.Severity.ERROR, display, 1, 1, "file-missing", "", "required file is missing"));
            return new FileResult<>(null, locations, findings);
        }
        try {
            SafeYamlReader.Parsed parsed = new SafeYamlReader(limits).read(file, display);
            findings.addAll(parsed.findings());
            T value = new RecordBinder(display, locations, findings).bindRoot(parsed.root(), type);
            if (value != null) {
                findings.addAll(new FieldRules(locations).check(value));
            }
            return new FileResult<>(value, locations, findings);
        } catch (SafeYamlReader.YamlReadException e) {
            findings.addAll(e.findings());
        } catch (java.nio.file.NoSuchFileException e) {
            findings.add(new Finding(Finding.Severity.ERROR, display, 1, 1, "file-unreadable", "", "cannot read: it is a link to nothing"));
        } catch (IOException e) {
            findings.add(new Finding(Finding.Severity.ERROR, display, 1, 1, "file-unreadable", "", "cannot read: " + e.getMessage()));
        }
        return new FileResult<>(null, locations, findings);
    }

    /** The file as the user would name it: under the directory they gave, without a leading ./ */
    private static String display(Path dir, Path file) {
        String shown = file.normalize().toString();
        return shown.startsWith("./") ? shown.substring(2) : shown;
    }
}
