package io.ike4j.daemon.cli;

/** Entry point of the {@code ike4j} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("ike4j");
    }
}
