package jp.lgwan.routerconfig.console;

import java.util.Locale;

/**
 * What every page of the console shows around its content: who is signed in, what their role lets
 * them do (a button a role may not use is not offered; the server refuses it anyway), the language.
 */
public record ConsolePage(String user, String role, boolean operator, boolean engineer, String lang, String path) {

    public boolean mayFile() {
        return operator || engineer;
    }

    public Locale locale() {
        return Locale.forLanguageTag(lang);
    }

    public boolean japanese() {
        return lang.equals("ja");
    }
}
