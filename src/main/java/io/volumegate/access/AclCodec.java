package io.volumegate.access;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ACL's grants as one line of text and reads it back, for storage beside the bucket
 * settings or in an object's metadata: {@code u:<canonical id>=<PERMISSION>} and
 * {@code g:<GROUP>=<PERMISSION>}, separated by spaces. Neither ids nor group names hold a
 * space or an equals sign, so the line needs no escaping.
 */
public final class AclCodec {
    private AclCodec() {}

    public static String encode(List<Grant> grants) {
        StringBuilder line = new StringBuilder();
        for (Grant grant : grants) {
            if (!line.isEmpty()) line.append(' ');
            if (grant.grantee() instanceof Grantee.User user) line.append("u:").append(user.id());
            else line.append("g:").append(((Grantee.Group) grant.grantee()).uri().name());
            line.append('=').append(grant.permission().name());
        }
        return line.toString();
    }

    /** @throws IllegalArgumentException when the line was not written by {@link #encode} */
    public static List<Grant> decode(String line) {
        List<Grant> grants = new ArrayList<>();
        for (String item : line.trim().split(" +")) {
            if (item.isEmpty()) continue;
            int eq = item.lastIndexOf('=');
            if (eq < 2 || item.charAt(1) != ':') throw new IllegalArgumentException("not a stored grant: " + item);
            Permission permission = Permission.valueOf(item.substring(eq + 1));
            String name = item.substring(2, eq);
            grants.add(switch (item.charAt(0)) {
                case 'u' -> Grant.toUser(name, permission);
                case 'g' -> Grant.toGroup(GroupUri.valueOf(name), permission);
                default -> throw new IllegalArgumentException("not a stored grant: " + item);
            });
        }
        return grants;
    }
}
