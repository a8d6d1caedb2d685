package cartan.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Sharded checkpoints laid out as transformers' save_pretrained does (make_torch_fixtures.py): the state
 * dict of torch_state_dict.pt split over two torch.save shards, and over two hand-written safetensors
 * shards; both must give numpy's values for every tensor.
 */
class ShardIndexTest {

    static Path copy(String fixtureDir, Path to) throws IOException {
        Path from = Fixtures.path(fixtureDir);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName().toString()));
            }
        }
        return to;
    }

    @Test
    void pytorchShardsMatchNumpy() throws IOException {
        List<MatrixSource> s = Models.open(Fixtures.path("sharded_pytorch").toString());
        PytorchCheckpointTest.assertMatchesNumpy(PytorchCheckpointTest.EXPECTED.get("torch_state_dict.pt"), s);
    }

    @Test
    void safetensorsShardsMatchNumpyAndComeInShardOrder() throws IOException {
        List<MatrixSource> s = Models.open(Fixtures.path("sharded_safetensors").toString());
        PytorchCheckpointTest.assertMatchesNumpy(PytorchCheckpointTest.EXPECTED.get("torch_state_dict.pt"), s);
        assertEquals("embed.weight", s.get(0).name(), "the first shard first");
        List<MatrixSource> viaIndex = Models.open(Fixtures.path("sharded_safetensors")
                .resolve("model.safetensors.index.json").toString());
        assertEquals(s.stream().map(MatrixSource::name).toList(), viaIndex.stream().map(MatrixSource::name).toList());
    }

    @Test
    void missingShardIsNamed(@TempDir Path dir) throws IOException {
        copy("sharded_safetensors", dir);
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> WeightFormats.open(dir,
                ReadOptions.DEFAULT)), "model-00002-of-00002.safetensors", "missing");
    }

    static void rewriteIndex(Path dir, String from, String to) throws IOException {
        Path index = dir.resolve("model.safetensors.index.json");
        String s = Files.readString(index);
        assertEquals(true, s.contains(from), from);
        Files.writeString(index, s.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    @Test
    void indexCannotNameFilesOutsideItsDirectory(@TempDir Path dir) throws IOException {
        copy("sharded_safetensors", dir);
        rewriteIndex(dir, "\"model-00001-of-00002.safetensors\"", "\"../../etc/passwd\"");
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> WeightFormats.open(dir,
                ReadOptions.DEFAULT)), "not a file name in the index's directory");
    }

    @Test
    void tensorsMustBeWhereTheIndexSays(@TempDir Path dir) throws IOException {
        copy("sharded_safetensors", dir);
        rewriteIndex(dir, "\"embed.weight\": \"model-00001-of-00002.safetensors\"",
                "\"embed.weight\": \"model-00002-of-00002.safetensors\"");
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> WeightFormats.open(dir,
                ReadOptions.DEFAULT)), "'embed.weight'", "puts it in 'model-00002-of-00002.safetensors'");
        rewriteIndex(dir, "\"embed.weight\": \"model-00002-of-00002.safetensors\",", "");
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> WeightFormats.open(dir,
                ReadOptions.DEFAULT)), "'embed.weight'", "does not list it");
    }

    @Test
    void malformedIndices(@TempDir Path dir) throws IOException {
        Path index = dir.resolve("model.safetensors.index.json");
        for (String json : List.of("", "[]", "{}", "{\"weight_map\": []}", "{\"weight_map\": {\"a\": 3}}",
                "{\"weight_map\": {\"a\": \"\"}}", "{\"weight_map\": {\"a\": \"..\"}}", "{\"weight_map\": {\"a\": \"/x\"}}",
                "{\"weight_map\": " + "[".repeat(5000))) {
            Files.writeString(index, json);
            assertThrows(MalformedWeightsException.class, () -> WeightFormats.open(dir, ReadOptions.DEFAULT), json);
        }
        Files.writeString(index, "{\"weight_map\": {}}");
        assertEquals(List.of(), WeightFormats.open(dir, ReadOptions.DEFAULT));
    }
}
