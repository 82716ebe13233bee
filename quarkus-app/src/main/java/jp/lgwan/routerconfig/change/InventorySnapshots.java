package jp.lgwan.routerconfig.change;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Operations;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.PrefectureNetwork;
import jp.lgwan.routerconfig.inventory.VendorProfiles;
import jp.lgwan.routerconfig.render.RenderBudget;
import jp.lgwan.routerconfig.render.RenderedConfig;
import org.jboss.logging.Logger;

/**
 * The served inventory as loaded, validated and rendered, kept on disk per commit
 * ({@code DATA/inventory-snapshots/COMMIT.snapshot}) so that a restart at the same HEAD reads it back
 * instead of parsing every YAML file and rendering every router again (BENCHMARKS.md: service start).
 * Not to be confused with {@link jp.lgwan.routerconfig.render.RevisionSnapshot}, a commit's files.
 *
 * <p>A snapshot is only ever written of a revision the service served (valid, every router rendered),
 * and read only where everything it was made from is the same: the commit, the day it was validated
 * as of (end of support depends on it), the folders of the inventory and templates in the
 * repository, the render budget and the build of this program ({@link #build()}: a hash of its own
 * classes, so that a snapshot of another version is never read). Anything else — a missing file,
 * another key, a checksum that does not match, a file cut short or changed by hand — is ignored and
 * the revision is loaded from git as on a first start; the fresh snapshot then replaces it. Files are
 * written to a temporary name and renamed, so a crash never leaves a half snapshot under a real name.
 * The folder is safe to delete.
 */
final class InventorySnapshots {

    static final String SUFFIX = ".snapshot";
    /** Snapshots kept: the served commit's and the one before (a reload that is rolled back by hand). */
    static final int KEPT = 2;
    private static final byte[] MAGIC = "LGWAN inventory snapshot\n".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final Logger LOG = Logger.getLogger(InventorySnapshots.class);
    private static volatile String build;

    private final Path directory;

    /**
     * What a snapshot was made from: it is read only for the same.
     *
     * @param validationDay the day end of support was judged as of
     */
    record Key(String commit, LocalDate validationDay, String inventoryInRepo, String templatesInRepo, RenderBudget budget) {
        String text() {
            return "commit " + commit + "\nvalidated as of " + validationDay + "\ninventory " + inventoryInRepo + "\ntemplates "
                    + templatesInRepo + "\nrender budget " + budget.time() + " " + budget.outputChars() + "\nbuild " + build() + "\n";
        }
    }

    /** What a snapshot holds: the inventory and every router's rendered config, in hostname order. */
    record Content(Inventory inventory, List<RenderedConfig> configs) {
    }

    InventorySnapshots(Path directory) {
        this.directory = directory;
    }

    Path fileOf(String commit) {
        return directory.resolve(commit + SUFFIX);
    }

    /** The snapshot of {@code key}, or nothing (none, another key, or damaged: then it is deleted, saying why). */
    Optional<Content> read(Key key) {
        Path file = fileOf(key.commit());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long size = Files.size(file);
            CRC32C checksum = new CRC32C();
            try (InputStream raw = Files.newInputStream(file);
                 DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), checksum))) {
                byte[] magic = new byte[MAGIC.length];
                in.readFully(magic);
                if (!java.util.Arrays.equals(magic, MAGIC) || in.readInt() != FORMAT) {
                    return discard(file, "not a snapshot of this format");
                }
                String made = new String(bounded(in, size), StandardCharsets.UTF_8);
                if (!made.equals(key.text())) {
                    LOG.infof("inventory snapshot %s was made from something else (another build, day or setting): loading from git", file);
                    return Optional.empty();
                }
                RecordCodec.Reader reader = new RecordCodec.Reader(in, size);
                List<Organization> organizations = list(reader, Organization.class);
                PrefectureNetwork network = reader.read(PrefectureNetwork.class);
                VendorProfiles profiles = reader.read(VendorProfiles.class);
                Operations operations = reader.read(Operations.class);
                List<RenderedConfig> configs = list(reader, RenderedConfig.class);
                long computed = checksum.getValue();
                long stored = in.readLong();
                if (computed != stored || in.read() != -1) {
                    return discard(file, "its checksum does not match");
                }
                return Optional.of(new Content(new Inventory(organizations, network, profiles, operations), configs));
            }
        } catch (IOException | RuntimeException e) {
            // a damaged file can make the records' own constructors fail too
            return discard(file, e.toString());
        }
    }

    /** Writes the snapshot of {@code key}; a failure is logged, never thrown: the service serves without one. */
    void write(Key key, Content content) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, key.commit(), ".tmp");
            CRC32C checksum = new CRC32C();
            try (OutputStream raw = Files.newOutputStream(temporary, StandardOpenOption.WRITE);
                 CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), checksum);
                 DataOutputStream out = new DataOutputStream(checked)) {
                out.write(MAGIC);
                out.writeInt(FORMAT);
                byte[] made = key.text().getBytes(StandardCharsets.UTF_8);
                out.writeInt(made.length);
                out.write(made);
                RecordCodec.Writer writer = new RecordCodec.Writer(out);
                writer.write(content.inventory().organizations());
                writer.write(content.inventory().network());
                writer.write(content.inventory().vendorProfiles());
                writer.write(content.inventory().operations());
                writer.write(content.configs());
                out.flush();
                out.writeLong(checksum.getValue());
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, fileOf(key.commit()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, fileOf(key.commit()), StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
            prune(key.commit());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("no inventory snapshot of %s written to %s (the next start loads it from git): %s", key.commit(), directory, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    LOG.debugf("cannot delete %s: %s", temporary, e);
                }
            }
        }
    }

    /** Keeps the {@value #KEPT} newest snapshots ({@code kept} among them) and no temporary file of an interrupted write. */
    private void prune(String kept) throws IOException {
        List<Path> snapshots = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX) && !file.equals(fileOf(kept))) {
                    snapshots.add(file);
                }
            }
        }
        snapshots.sort(Comparator.comparing(InventorySnapshots::modified).reversed());
        for (Path old : snapshots.subList(Math.min(KEPT - 1, snapshots.size()), snapshots.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<Content> discard(Path file, String why) {
        LOG.warnf("inventory snapshot %s is not used (%s): loading from git, and a new one replaces it", file, why);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("cannot delete %s: %s", file, e);
        }
        return Optional.empty();
    }

    private static byte[] bounded(DataInputStream in, long fileSize) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > fileSize) {
            throw new RecordCodec.CodecException("length " + length + " past the file's end");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static <T> List<T> list(RecordCodec.Reader reader, Class<T> element) throws IOException {
        List<?> list = reader.read(List.class);
        if (list == null) {
            throw new RecordCodec.CodecException("expected a list of " + element.getName());
        }
        for (Object item : list) {
            if (!element.isInstance(item)) {
                throw new RecordCodec.CodecException("expected a list of " + element.getName());
            }
        }
        @SuppressWarnings("unchecked")
        List<T> typed = (List<T>) list;
        return typed;
    }

    /**
     * This program's build: a SHA-256 of the code that makes the inventory's records and this file (the
     * jars of the service and of core, or their class folders when run from the build), so that a
     * snapshot written by another version is never read. Where the code cannot be found, a value of
     * this process alone: snapshots are then written but never read again.
     */
    static String build() {
        String known = build;
        if (known == null) {
            known = hashOfCode(List.of(InventorySnapshots.class, Inventory.class, RenderedConfig.class));
            build = known;
        }
        return known;
    }

    private static String hashOfCode(List<Class<?>> classes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> sources = new ArrayList<>();
            for (Class<?> type : classes) {
                CodeSource source = type.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    return "this-process-" + UUID.randomUUID();
                }
                Path path = Path.of(source.getLocation().toURI());
                if (!sources.contains(path)) {
                    sources.add(path);
                }
            }
            for (Path source : sources) {
                List<Path> files;
                if (Files.isDirectory(source)) {
                    try (Stream<Path> walk = Files.walk(source)) {
                        files = walk.filter(Files::isRegularFile).sorted().toList();
                    }
                } else {
                    files = List.of(source);
                }
                for (Path file : files) {
                    sha.update(source.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            LOG.debugf("cannot hash this program's code (%s): inventory snapshots are not read across restarts", e);
            return "this-process-" + UUID.randomUUID();
        }
    }
}
