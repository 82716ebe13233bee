package jp.lgwan.routerconfig.inventory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.InventoryUnreadableException;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.inventory.rules.RuleCatalog;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/** A copy of the minimal test inventory in a temporary directory, to break on purpose. */
public final class TestInventory {

    public static final Path MINIMAL = Paths.get("quarkus-app/core/src/test/resources/fixtures/minimal");
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

    private final Path dir;

    private TestInventory(Path dir) {
        this.dir = dir;
    }

    public static TestInventory copyOfMinimal(Path tempDir) {
        try {
            copyTree(MINIMAL, tempDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestInventory(tempDir);
    }

    /** Copies the folder {@code from}, with everything in it, to {@code to}. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * The project's sample inventory and templates in a new git repository at {@code repository}
     * (branch main), committed once by a test engineer: what the service serves at HEAD.
     */
    public static void sampleRepository(Path repository) throws IOException, GitAPIException {
        copyTree(Path.of("inventory"), repository.resolve("inventory"));
        copyTree(Path.of("templates"), repository.resolve("templates"));
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent engineer = new PersonIdent("Test Engineer", "engineer@example.invalid");
            git.commit().setMessage("sample inventory").setAuthor(engineer).setCommitter(engineer).setSign(false).call();
        }
    }

    /** Edits a file of a git repository (path from its top) and commits it, as an engineer does; the new commit. */
    public static String commit(Path repository, String file, java.util.function.UnaryOperator<String> edit, String message) {
        try (Git git = Git.open(repository.toFile())) {
            Path path = repository.resolve(file);
            String before = Files.readString(path, StandardCharsets.UTF_8);
            String after = edit.apply(before);
            assertTrue(!before.equals(after), "the edit of " + file + " changed nothing");
            Files.writeString(path, after, StandardCharsets.UTF_8);
            git.add().addFilepattern(file).call();
            PersonIdent engineer = new PersonIdent("Test Engineer", "engineer@example.invalid");
            return git.commit().setMessage(message).setAuthor(engineer).setCommitter(engineer).setSign(false).call().getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit " + file, e);
        }
    }

    /**
     * Commits a file whose blob says in its header that it holds {@code claimedSize} bytes, but holds
     * a few: what a highly compressible huge file looks like to a reader that trusts the header, at
     * no cost. A reader that inflated the blob would fail on it (a corrupt object) instead of
     * refusing it by its size. Written as a loose object under an id of its own: git checks the id
     * only when it inflates the whole object.
     */
    public static String commitClaimedBlob(Path repository, String file, long claimedSize) {
        try (Git git = Git.open(repository.toFile())) {
            Repository repo = git.getRepository();
            ObjectId id = ObjectId.fromString("0123456789abcdef0123456789abcdef" + String.format("%08x", claimedSize & 0xffffffffL));
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
                out.write(("blob " + claimedSize + "\0name: huge\n").getBytes(StandardCharsets.US_ASCII));
            }
            Path loose = repo.getDirectory().toPath().resolve("objects").resolve(id.name().substring(0, 2)).resolve(id.name().substring(2));
            Files.createDirectories(loose.getParent());
            Files.write(loose, deflated.toByteArray());
            DirCache index = repo.lockDirCache();
            try {
                DirCacheEditor editor = index.editor();
                editor.add(new DirCacheEditor.PathEdit(file) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(id);
                    }
                });
                editor.commit();
            } finally {
                index.unlock();
            }
            PersonIdent engineer = new PersonIdent("Test Engineer", "engineer@example.invalid");
            String commit = git.commit().setMessage("a file that claims " + claimedSize + " bytes").setAuthor(engineer).setCommitter(engineer)
                    .setSign(false).call().getName();
            git.rm().setCached(true).addFilepattern(file).call();
            git.commit().setMessage("without it").setAuthor(engineer).setCommitter(engineer).setSign(false).call();
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path file(String relative) {
        return dir.resolve(relative);
    }

    public String read(String relative) {
        try {
            return Files.readString(file(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String relative, String text) {
        write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    public void write(String relative, byte[] bytes) {
        try {
            Files.createDirectories(file(relative).getParent());
            Files.write(file(relative), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the first occurrence of {@code from} and answers the 1-based line it stood on. */
    public int replace(String relative, String from, String to) {
        String text = read(relative);
        int at = text.indexOf(from);
        assertTrue(at >= 0, "fixture " + relative + " has no '" + from + "'");
        write(relative, text.substring(0, at) + to + text.substring(at + from.length()));
        return lineOf(text, at);
    }

    /** The 1-based line of the first occurrence of {@code marker} in a file as it is now. */
    public int lineOf(String relative, String marker) {
        String text = read(relative);
        int at = text.indexOf(marker);
        assertTrue(at >= 0, relative + " has no '" + marker + "'");
        return lineOf(text, at);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Loads and checks the inventory; every finding must name a rule of the catalog. */
    public LoadResult load() {
        try {
            LoadResult result = new InventoryLoader().load(dir, AS_OF);
            for (Finding finding : result.findings()) {
                assertTrue(RuleCatalog.ALL.containsKey(finding.ruleId()), "rule not in RuleCatalog: " + finding.format());
            }
            return result;
        } catch (InventoryUnreadableException e) {
            throw new AssertionError(e);
        }
    }

    /** What a command printed and the status it exited with. */
    public record Run(int status, String out, String err) {
    }

    public static Run cli(String... args) {
        ProductCommandLine commands = ProductCommandLine.find();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = commands.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    public Run validate(String... extra) {
        String[] args = Stream.concat(Stream.of("validate", "--inventory", dir.toString(), "--as-of", AS_OF.toString()), Stream.of(extra))
                .toArray(String[]::new);
        return cli(args);
    }
}
