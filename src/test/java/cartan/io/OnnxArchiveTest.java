package cartan.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar loader, on a jar this test builds (the real MiniLM jar is not needed). */
class OnnxArchiveTest {

    @Test
    void readsTheOnnxEntryOfAJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("model.jar");
        try (OutputStream os = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            z.write("Manifest-Version: 1.0\n".getBytes());
            z.putNextEntry(new ZipEntry(KnownModel.MINILM.entry()));
            z.write(OnnxReaderTest.model());
        }
        List<NamedMatrix> ms = NamedMatrix.of(OnnxArchive.read(jar, KnownModel.MINILM.entry()), ConvMode.FLATTEN);
        assertEquals(ms, Models.read(jar.toString()), "the only .onnx entry, found by the archive format");
        assertEquals(OnnxReader.readTensors(OnnxReaderTest.model(), "direct").size(), ms.size());
        assertTrue(ms.stream().anyMatch(m -> m.name().equals("/encoder/layer.0/attention/self/query/MatMul")));
        assertThrows(MalformedWeightsException.class, () -> OnnxArchive.read(jar, "missing.onnx"));
    }

    @Test
    void aMissingJarSaysHowToFetchIt(@TempDir Path dir) {
        KnownModel absent = new KnownModel("absent", "model", "maven", "cartan.test:absent-model:0", "m.onnx", "0");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, absent::open);
        assertTrue(e.getMessage().contains("dependency:get"), e.getMessage());
    }

    @Test
    void aCorruptJarIsMalformed(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("bad.jar");
        Files.write(jar, "PK this is not a zip".getBytes());
        assertThrows(MalformedWeightsException.class, () -> OnnxArchive.read(jar, null));
    }
}
