package jp.lgwan.routerconfig.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.VendorProfiles;
import jp.lgwan.routerconfig.inventory.generate.FleetGenerator;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.RecordBinder;
import jp.lgwan.routerconfig.inventory.load.SafeYamlReader;
import jp.lgwan.routerconfig.inventory.load.SourceLocations;
import jp.lgwan.routerconfig.inventory.load.YamlLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate-fleet", mixinStandardHelpOptions = true,
        description = {"Writes a generated inventory, valid by construction, for tests and benchmarks.",
                "The vendor profiles and operations are copied from --inventory; the same --seed gives the same files."})
final class GenerateFleetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--organizations", paramLabel = "N", required = true, description = "how many organizations")
    int organizations;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "directory to create (must not exist or be empty)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @picocli.CommandLine.Mixin
    SourceFolders.InventoryFolder source;

    @Option(names = "--profiles", paramLabel = "ID", split = ",", description = "only routers of these vendor profiles (default: every profile with a supported release)")
    List<String> onlyProfiles = new ArrayList<>();

    @picocli.CommandLine.Mixin
    AsOfOption asOf;

    @Override
    public Integer call() throws IOException {
        if (organizations < 1 || organizations > 200_000) {
            throw new Cli.UsageException("--organizations must be between 1 and 200000");
        }
        if (Files.exists(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new Cli.UsageException(out + " is not empty; choose a new directory");
                }
            }
        }
        Path profilesFile = source.inventory.resolve(InventoryLoader.VENDOR_PROFILES_FILE);
        VendorProfiles profiles = readProfiles(profilesFile);
        LocalDate day = asOf.day();
        try {
            Path operationsFile = source.inventory.resolve(InventoryLoader.OPERATIONS_FILE);
            if (!Files.isRegularFile(operationsFile)) {
                throw new Cli.UsageException("no operations reference at " + operationsFile + " (use --inventory)");
            }
            for (String profile : onlyProfiles) {
                if (profiles.vendorProfiles().stream().noneMatch(p -> p.id().equals(profile))) {
                    throw new Cli.UsageException("--profiles: no vendor profile " + profile + " in " + profilesFile);
                }
            }
            new FleetGenerator(profiles, day, seed, java.util.Set.copyOf(onlyProfiles)).write(out, organizations, profilesFile, operationsFile);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        spec.commandLine().getErr().println("generated " + organizations + " organizations in " + out);
        return Cli.OK;
    }

    private static VendorProfiles readProfiles(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Cli.UsageException("no vendor profiles at " + file + " (use --inventory)");
        }
        List<Finding> findings = new ArrayList<>();
        try {
            SafeYamlReader.Parsed parsed = new SafeYamlReader(YamlLimits.DEFAULT).read(file, file.toString());
            VendorProfiles profiles = new RecordBinder(file.toString(), new SourceLocations(), findings).bindRoot(parsed.root(), VendorProfiles.class);
            findings.addAll(parsed.findings());
            if (profiles != null && findings.isEmpty()) {
                return profiles;
            }
        } catch (SafeYamlReader.YamlReadException e) {
            findings.addAll(e.findings());
        } catch (IOException e) {
            throw new Cli.UsageException("cannot read " + file + ": " + e.getMessage());
        }
        throw new Cli.UsageException("vendor profiles are invalid; run validate first: " + findings.get(0).format());
    }
}
