package jp.lgwan.routerconfig.inventory.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where an inventory's files are read from: a folder ({@link #folder(Path)}), or a git revision
 * (render.RevisionFiles), whose blob ids are known without reading a byte. Names are relative to
 * the inventory's top, {@code organizations/384844-matsuno.yaml}.
 */
public interface InventoryFiles {

    /** The organization files: {@code *.yaml} and {@code *.yml} directly under {@code organizations/}, in the order the loader reports them. */
    List<String> organizationFiles() throws InventoryUnreadableException;

    /** The file as findings name it. */
    String display(String name);

    /** Whether the file is there (a link to nothing is, and is reported as such when read). */
    boolean exists(String name);

    /** The file's size in bytes, before it is read. */
    long size(String name) throws IOException;

    byte[] read(String name) throws IOException;

    /** The file's git blob id where known without reading it; null otherwise (the loader then hashes what it reads). */
    byte[] knownBlobId(String name);

    /** The files of an inventory folder on disk. */
    static InventoryFiles folder(Path dir) {
        return new Folder(dir);
    }

    /** An inventory folder on disk, as {@code validate} and the service read it. */
    final class Folder implements InventoryFiles {
        private final Path dir;

        private Folder(Path dir) {
            this.dir = dir;
        }

        @Override
        public List<String> organizationFiles() throws InventoryUnreadableException {
            if (!Files.isDirectory(dir)) {
                throw new InventoryUnreadableException("inventory directory " + dir + " " + (Files.exists(dir) ? "is not a directory" : "does not exist"));
            }
            Path organizationsDir = dir.resolve(InventoryLoader.ORGANIZATIONS);
            if (!Files.isDirectory(organizationsDir)) {
                throw new InventoryUnreadableException("inventory directory " + dir + " has no " + InventoryLoader.ORGANIZATIONS + "/ folder");
            }
            try (Stream<Path> files = Files.list(organizationsDir)) {
                // a broken link or unreadable entry is kept, to be reported, not skipped in silence
                return files.filter(p -> !Files.isDirectory(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))
                        .sorted(Comparator.comparing(Path::toString))
                        .map(p -> InventoryLoader.ORGANIZATIONS + "/" + p.getFileName()).toList();
            } catch (IOException e) {
                throw new InventoryUnreadableException("cannot list " + organizationsDir + ": " + e.getMessage());
            }
        }

        @Override
        public String display(String name) {
            // the file as the user would name it: under the directory they gave, without a leading ./
            String shown = dir.resolve(name).normalize().toString();
            return shown.startsWith("./") ? shown.substring(2) : shown;
        }

        @Override
        public boolean exists(String name) {
            return Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public long size(String name) throws IOException {
            return Files.size(dir.resolve(name));
        }

        @Override
        public byte[] read(String name) throws IOException {
            return Files.readAllBytes(dir.resolve(name));
        }

        @Override
        public byte[] knownBlobId(String name) {
            return null;
        }
    }
}
