package jp.lgwan.routerconfig.inventory.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * Files are read and field-checked in parallel (or taken from a {@link ParseCache} by their blob id);
 * the cross-object rules then run over the whole.
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

    public LoadResult load(Path dir, LocalDate asOf) throws InventoryUnreadableException {
        return load(InventoryFiles.folder(dir), asOf, null);
    }

    /**
     * Loads the inventory in {@code files}, taking what each file gave from {@code cache} where its
     * bytes were read before (null: parse every file). The result is the same either way.
     */
    public LoadResult load(InventoryFiles files, LocalDate asOf, ParseCache cache) throws InventoryUnreadableException {
        List<String> organizationFiles = files.organizationFiles();
        // entries are kept for the default limits only: other limits read the same bytes differently
        ParseCache usable = limits.equals(YamlLimits.DEFAULT) ? cache : null;
        ParsedFile network = readFile(files, NETWORK_FILE, PrefectureNetwork.class, usable);
        ParsedFile profiles = readFile(files, VENDOR_PROFILES_FILE, VendorProfiles.class, usable);
        ParsedFile operations = readFile(files, OPERATIONS_FILE, Operations.class, usable);
        List<ParsedFile> organizations = organizationFiles.parallelStream()
                .map(file -> readFile(files, file, Organization.class, usable))
                .toList();

        SourceLocations locations = new SourceLocations();
        List<Finding> findings = new ArrayList<>();
        for (ParsedFile result : concat(List.of(network, profiles, operations), organizations)) {
            locations.addAll(result.locations());
            findings.addAll(result.findings());
        }
        Inventory inventory = new Inventory(
                organizations.stream().map(f -> (Organization) f.value()).filter(o -> o != null).toList(),
                (PrefectureNetwork) network.value(), (VendorProfiles) profiles.value(), (Operations) operations.value());
        findings.addAll(InventoryRules.check(inventory, locations, asOf));
        findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line).thenComparingInt(Finding::column)
                .thenComparing(Finding::ruleId));
        List<String> shown = new ArrayList<>();
        shown.add(files.display(NETWORK_FILE));
        shown.add(files.display(VENDOR_PROFILES_FILE));
        shown.add(files.display(OPERATIONS_FILE));
        organizationFiles.forEach(f -> shown.add(files.display(f)));
        return new LoadResult(inventory, locations, List.copyOf(findings), List.copyOf(shown));
    }

    private static List<ParsedFile> concat(List<ParsedFile> first, List<ParsedFile> rest) {
        List<ParsedFile> all = new ArrayList<>(first.size() + rest.size());
        all.addAll(first);
        all.addAll(rest);
        return all;
    }

    private ParsedFile readFile(InventoryFiles files, String name, Class<? extends Record> type, ParseCache cache) {
        String display = files.display(name);
        List<Finding> findings = new ArrayList<>();
        if (!files.exists(name)) {
            findings.add(new Finding(Finding.Severity.ERROR, display, 1, 1, "file-missing", "", "required file is missing"));
            return new ParsedFile(null, new SourceLocations(), findings);
        }
        byte[] id = cache == null ? null : files.knownBlobId(name);
        if (id != null) {
            ParsedFile known = cache.get(type, id, display);
            if (known != null) {
                return known;
            }
        }
        try {
            SafeYamlReader reader = new SafeYamlReader(limits);
            reader.checkSize(files.size(name), display);
            byte[] bytes = files.read(name);
            if (cache != null && id == null) {
                id = ParseCache.blobId(bytes);
                ParsedFile known = cache.get(type, id, display);
                if (known != null) {
                    return known;
                }
            }
            ParsedFile parsed = parse(reader, bytes, display, type);
            if (cache != null) {
                cache.put(type, id, display, parsed);
            }
            return parsed;
        } catch (SafeYamlReader.YamlReadException e) {
            findings.addAll(e.findings());
        } catch (java.nio.file.NoSuchFileException e) {
            findings.add(new Finding(Finding.Severity.ERROR, display, 1, 1, "file-unreadable", "", "cannot read: it is a link to nothing"));
        } catch (IOException e) {
            findings.add(new Finding(Finding.Severity.ERROR, display, 1, 1, "file-unreadable", "", "cannot read: " + e.getMessage()));
        }
        return new ParsedFile(null, new SourceLocations(), findings);
    }

    /** What the file's bytes give, alone: its record, where each part came from, and its YAML, binding and field findings. */
    private static ParsedFile parse(SafeYamlReader reader, byte[] bytes, String display, Class<? extends Record> type) {
        SourceLocations locations = new SourceLocations();
        List<Finding> findings = new ArrayList<>();
        try {
            SafeYamlReader.Parsed parsed = reader.parse(bytes, display);
            findings.addAll(parsed.findings());
            Object value = new RecordBinder(display, locations, findings).bindRoot(parsed.root(), type);
            if (value != null) {
                findings.addAll(new FieldRules(locations).check(value));
            }
            return new ParsedFile(value, locations, List.copyOf(findings));
        } catch (SafeYamlReader.YamlReadException e) {
            findings.addAll(e.findings());
            return new ParsedFile(null, locations, List.copyOf(findings));
        }
    }
}
