package jp.lgwan.routerconfig.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Which files a change touches, by git blob id. When only organization files change, every other
 * organization's routers render the same on both sides (a router's config depends on its own
 * organization file, the reference data and the templates), so diff reads and renders only the
 * changed organizations at the base: on a national fleet that is the difference between seconds
 * and a coffee.
 */
record ChangedFiles(boolean everything, Set<String> organizationFiles, Set<String> templateFolders, String organizationsPrefix) {

    /**
     * {@code templatesPrefix}: a change inside {@code templates/<profile>/} changes only the routers of that
     * vendor profile (its template folder is all of a router's templates: no template includes another
     * folder's); anything else that is not an organization file or Markdown changes every router.
     */
    static ChangedFiles between(Repository repository, String base, String head, java.util.List<String> folders, String organizationsPrefix,
                                String templatesPrefix) throws RevisionSnapshot.RevisionException, IOException {
        Map<String, ObjectId> before = RevisionSnapshot.blobIds(repository, base, folders);
        Map<String, ObjectId> after = head == null ? RevisionSnapshot.workingTreeBlobIds(repository, folders)
                : RevisionSnapshot.blobIds(repository, head, folders);
        Set<String> paths = new HashSet<>(before.keySet());
        paths.addAll(after.keySet());
        boolean everything = false;
        Set<String> organizations = new HashSet<>();
        Set<String> templates = new HashSet<>();
        for (String path : paths) {
            if (Objects.equals(before.get(path), after.get(path))) {
                continue;
            }
            if (path.startsWith(organizationsPrefix) && path.indexOf('/', organizationsPrefix.length()) < 0) {
                organizations.add(path.substring(organizationsPrefix.length()));
            } else if (path.startsWith(templatesPrefix) && path.indexOf('/', templatesPrefix.length()) > templatesPrefix.length()) {
                templates.add(path.substring(templatesPrefix.length(), path.indexOf('/', templatesPrefix.length())));
            } else if (!path.endsWith(".md")) {
                everything = true;
            }
        }
        return new ChangedFiles(everything, organizations, templates, organizationsPrefix);
    }

    /** Every router is compared when {@code full} (what incremental diffs are tested against). */
    ChangedFiles full(boolean full) {
        return full ? new ChangedFiles(true, organizationFiles, templateFolders, organizationsPrefix) : this;
    }

    /**
     * What the base must load: every organization when all is compared or a template folder changed (its
     * routers may sit in any organization), else the changed organizations and what is not an organization.
     */
    boolean neededAtBase(String path) {
        return everything || !templateFolders.isEmpty() || !path.startsWith(organizationsPrefix)
                || organizationFiles.contains(path.substring(organizationsPrefix.length()));
    }

    /** Whether the base holds only some organizations. */
    boolean partialBase() {
        return !everything && templateFolders.isEmpty();
    }

    /** The routers of a side whose inputs changed: those of a changed organization file or of a changed template folder. */
    Predicate<String> hostnamesIn(LoadResult loaded) {
        return hostnamesOf(loaded.inventory(), org -> organizationFiles.contains(Path.of(loaded.locations().of(org).file()).getFileName().toString()));
    }

    Predicate<String> hostnamesIn(InventoryDiff.Side side, LoadResult loaded) {
        // a partial base holds only changed organizations: all of its routers are compared
        return partialBase() || loaded == null ? hostnamesOf(side.inventory(), org -> true) : hostnamesIn(loaded);
    }

    private Predicate<String> hostnamesOf(jp.lgwan.routerconfig.inventory.Inventory inventory, Predicate<Organization> changed) {
        Set<String> hostnames = new HashSet<>();
        for (Organization org : inventory.organizations()) {
            boolean all = changed.test(org);
            org.routers().stream().filter(r -> all || templateFolders.contains(r.vendorProfile())).forEach(r -> hostnames.add(r.hostname()));
        }
        return hostnames::contains;
    }
}
