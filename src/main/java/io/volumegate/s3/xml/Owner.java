package io.volumegate.s3.xml;

/** The single owner of everything on a volume: the server's account. */
public class Owner {
    public String ID;
    public String DisplayName;

    public Owner() {}

    public Owner(String id, String displayName) {
        this.ID = id;
        this.DisplayName = displayName;
    }
}
