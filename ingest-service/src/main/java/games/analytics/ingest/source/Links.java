package games.analytics.ingest.source;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A link as shown to people: in job views, stored jobs, logs and error reasons. User info and the values of
 * query parameters are replaced by {@code ***} (signed links carry their secret there), except a few known
 * harmless ones (Google Sheets' {@code format} and {@code gid}); only the download itself uses the real link.
 */
public final class Links {

    private static final Set<String> SHOWN = Set.of("format", "gid", "dl", "raw", "download", "alt", "output", "single");

    private Links() {
    }

    public static String redact(URI uri) {
        if ("upload".equals(uri.getScheme())) {
            return "upload:" + uri.getSchemeSpecificPart(); // the uploaded file's name, as its client gave it
        }
        if (uri.getRawAuthority() == null) {
            return uri.getScheme() == null ? "(not a link)" : uri.getScheme() + ":***";
        }
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append("***@");
        }
        String authority = uri.getRawAuthority();
        out.append(authority.substring(authority.lastIndexOf('@') + 1));
        out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            StringJoiner query = new StringJoiner("&", "?", "");
            for (String parameter : uri.getRawQuery().split("&", -1)) {
                int eq = parameter.indexOf('=');
                String name = eq < 0 ? parameter : parameter.substring(0, eq);
                query.add(eq < 0 || SHOWN.contains(name.toLowerCase(Locale.ROOT)) ? parameter : name + "=***");
            }
            out.append(query);
        }
        if (uri.getRawFragment() != null) {
            out.append("#***");
        }
        return out.toString();
    }
}
