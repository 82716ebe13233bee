package jp.lgwan.routerconfig.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and folders that nobody but the service's own user may read or write, and the checks that
 * the places it runs programs from cannot be changed by anybody else: the rules OpenSSH applies to
 * its keys and {@code StrictModes}, for the same reasons. Linux only (numeric owners and modes from
 * the {@code unix} attribute view), as is everything that uses it.
 */
public final class OwnerOnly {

    private static final int GROUP_OR_OTHERS = 0077;
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;

    private OwnerOnly() {
    }

    /** Why a path may not be used: said in one line, naming the path and what to do. */
    public static final class UnsafePath extends IOException {
        public UnsafePath(String message) {
            super(message);
        }
    }

    /** The numeric user id this process runs as ({@code /proc/self} belongs to it). */
    public static int currentUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    public static int owner(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    /** The permission bits (and set-id and sticky bits) of {@code path}, not following a link. */
    public static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    public static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }

    /** Whether {@code path} is this user's and nobody else has any permission on it. */
    public static boolean isOwnerOnly(Path path) throws IOException {
        return owner(path) == currentUid() && (mode(path) & GROUP_OR_OTHERS) == 0;
    }

    /**
     * Makes {@code folder} (and any missing parent) exist as a folder of this user that nobody else may
     * enter. An existing folder of this user that others could enter is tightened to 0700, and
     * {@code true} is returned so that the caller can say so; one of another user is refused.
     */
    public static boolean folder(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                // the umask cannot widen 0700, but an ACL default could: set it again
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                return false;
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // created meanwhile by another process of ours: checked below like any existing one
            }
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafePath(folder + " is not a folder" + (Files.isSymbolicLink(folder) ? " (a symbolic link: give the real path)" : ""));
        }
        int uid = currentUid();
        if (owner(folder) != uid) {
            throw new UnsafePath(folder + " belongs to user id " + owner(folder) + ", not to this user (" + uid
                    + "): give a folder of your own");
        }
        if ((mode(folder) & GROUP_OR_OTHERS) != 0) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            return true;
        }
        return false;
    }

    /**
     * Refuses a path that somebody other than this user (or root) could replace: {@code path} and
     * every folder above it must belong to this user or root, and none may be writable by group or
     * others unless it has the sticky bit (as {@code /tmp}, where nobody may rename another's entry).
     * Links are resolved first: what is checked is what will be used.
     */
    public static Path checkNobodyElseCanReplace(Path path) throws IOException {
        Path real = path.toRealPath();
        int uid = currentUid();
        for (Path p = real; p != null; p = p.getParent()) {
            int owner = owner(p);
            int mode = mode(p);
            if (owner != uid && owner != 0) {
                throw new UnsafePath(p + " belongs to user id " + owner + ": that user could replace " + real
                        + "; use a folder that only you (or root) can change");
            }
            boolean sticky = (mode & STICKY) != 0 && !p.equals(real);
            if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && !sticky) {
                throw new UnsafePath(p + " is writable by other users (mode " + octal(mode) + "): anyone could replace " + real
                        + "; chmod go-w " + p + " or use another folder");
            }
        }
        return real;
    }

    /** Writes {@code text} to {@code file} through a temporary file that is owner-only from its creation, renamed over it. */
    public static void write(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads a file that must be this user's and closed to everybody else, refusing it (saying the mode
     * and the fix) otherwise: a secret others could read is no longer a secret, one others could write
     * is not ours.
     */
    public static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafePath(file + " is not a regular file");
        }
        int uid = currentUid();
        if (owner(file) != uid) {
            throw new UnsafePath(file + " belongs to user id " + owner(file) + ", not to this user (" + uid + ")");
        }
        int mode = mode(file);
        if ((mode & GROUP_OR_OTHERS) != 0) {
            throw new UnsafePath(file + " has mode " + octal(mode) + ": other users may read or change it; chmod 600 " + file);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
