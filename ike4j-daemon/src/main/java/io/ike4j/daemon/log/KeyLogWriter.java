package io.ike4j.daemon.log;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.ChildSaSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --keylog PATH}: appends IKE and ESP keys in Wireshark's decryption-table formats, for debugging only.
 * If PATH is a directory, writes {@code ikev2_decryption_table} and {@code esp_sa} in it (copy them into Wireshark's
 * profile directory); otherwise IKE lines go to PATH and ESP lines to {@code PATH.esp_sa}. Files are created mode 0600
 * and opening one logs a loud warning, because anyone who can read them can decrypt the traffic.
 */
public final class KeyLogWriter implements AutoCloseable {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path ikeFile;
    private final Path espFile;
    private final FileChannel ike;
    private final FileChannel esp;
    private final DaemonLog log;

    private KeyLogWriter(Path ikeFile, Path espFile, FileChannel ike, FileChannel esp, DaemonLog log) {
        this.ikeFile = ikeFile;
        this.espFile = espFile;
        this.ike = ike;
        this.esp = esp;
        this.log = log;
    }

    public static KeyLogWriter open(Path path, DaemonLog log) throws IOException {
        Path ikeFile;
        Path espFile;
        if (Files.isDirectory(path)) {
            ikeFile = path.resolve("ikev2_decryption_table");
            espFile = path.resolve("esp_sa");
        } else {
            ikeFile = path;
            espFile = path.resolveSibling(path.getFileName() + ".esp_sa");
        }
        FileChannel ike = openOwnerOnly(ikeFile);
        FileChannel esp;
        try {
            esp = openOwnerOnly(espFile);
        } catch (IOException e) {
            ike.close();
            throw e;
        }
        for (String l : List.of("!!", "!! WARNING: WRITING IKE AND ESP KEYS TO '" + ikeFile + "' AND '" + espFile + "'",
                "!! anyone who can read these files can decrypt this host's IKE and IPsec traffic; use only for debugging", "!!")) {
            log.log(Subsystem.DMN, 0, l);
        }
        return new KeyLogWriter(ikeFile, espFile, ike, esp, log);
    }

    private static FileChannel openOwnerOnly(Path p) throws IOException {
        FileAttribute<?>[] attrs = supportsPosix(p) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        FileChannel ch = FileChannel.open(p, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), attrs);
        if (attrs.length > 0) Files.setPosixFilePermissions(p, OWNER_ONLY); // an existing file is tightened too
        return ch;
    }

    private static boolean supportsPosix(Path p) {
        Path dir = p.toAbsolutePath().getParent();
        return dir != null && Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }

    public Path ikeFile() {
        return ikeFile;
    }

    public Path espFile() {
        return espFile;
    }

    /** Records an IKE SA's SK_e and SK_a keys (RFC 7296 2.14). */
    public void ikeSa(long spiI, long spiR, byte[] skEi, byte[] skEr, EncryptionAlgorithm encr, int keyBits,
                      byte[] skAi, byte[] skAr, IntegrityAlgorithm integ) {
        Optional<String> line = WiresharkKeyFormat.ikeLine(spiI, spiR, skEi, skEr, encr, keyBits, skAi, skAr, integ);
        if (line.isEmpty()) {
            log.log(Subsystem.IKE, 1, "keylog: Wireshark cannot decrypt " + encr + "/" + integ + ", IKE SA keys not written");
            return;
        }
        append(ike, line.get());
    }

    /** Records both directions of an installed CHILD_SA. */
    public void childSa(ChildSaSpec spec) {
        List<String> lines = WiresharkKeyFormat.espLines(spec);
        if (lines.isEmpty()) {
            log.log(Subsystem.CHD, 1, "keylog: Wireshark cannot decrypt CHILD_SA " + spec.child() + "{" + spec.childSaId() + "}, keys not written");
            return;
        }
        append(esp, String.join("\n", lines));
    }

    private synchronized void append(FileChannel ch, String line) {
        try {
            ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) ch.write(b);
        } catch (IOException e) {
            log.log(Subsystem.DMN, 0, "keylog: write failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            ike.close();
        } finally {
            esp.close();
        }
    }
}
