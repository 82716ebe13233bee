package jp.lgwan.routerconfig.inventory.load;

import java.util.List;
import jp.lgwan.routerconfig.inventory.Finding;

/**
 * What reading one inventory file gave, before the cross-object rules: its record (null when it
 * could not be read), where each of its records and fields came from, and the findings of the file
 * alone (YAML, binding, field rules). A function of the file's bytes, so the parse cache keeps it
 * by the file's git blob id.
 */
record ParsedFile(Object value, SourceLocations locations, List<Finding> findings) {
}
