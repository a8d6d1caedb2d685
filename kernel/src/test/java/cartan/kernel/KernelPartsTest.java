package cartan.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The kernel's small parts: value display rules, cell positions, class path options, inspection cursor. */
class KernelPartsTest {

    private static ValueDisplay display() {
        Renderer renderer = new Renderer();
        Image.registerAll(renderer); // as BaseKernel does
        return new ValueDisplay(renderer);
    }

    @Test
    void printStreamsWritersAndNullShowNothing() {
        ValueDisplay d = display();
        assertNull(d.render(null));
        assertNull(d.render(System.out));
        assertNull(d.render(new PrintStream(new java.io.ByteArrayOutputStream())));
        assertNull(d.render(new PrintWriter(new StringWriter())));
    }

    @Test
    void anImageBecomesAPngWithTheSamePixels() throws IOException {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 2, 0x123456);
        DisplayData data = display().render(image);
        String png = (String) data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
        assertEquals(5, decoded.getWidth());
        assertEquals(3, decoded.getHeight());
        assertEquals(0x123456, decoded.getRGB(1, 2) & 0xffffff);
        assertEquals("[image 5 x 3]", data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    }

    @Test
    void displayDataPassesThroughAndOtherValuesAreText() {
        DisplayData own = new DisplayData("x");
        own.putHTML("<b>x</b>");
        assertSame(own, display().render(own));
        DisplayData list = display().render(List.of(1, 2));
        assertEquals("[1, 2]", list.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    }

    @Test
    void cellPositionsAreLinesAndColumnsOfTheWholeCell() {
        String cell = "int a = 1;\n\n  var b = a +\n      zzz;";
        CellSnippet s = new CellSnippet("var b = a +\n      zzz;", cell.indexOf("var b"), cell, false, "7");
        assertEquals(3, s.line());
        long zzz = s.source().indexOf("zzz");
        assertEquals(4, s.lineOf(zzz));
        assertEquals(7, s.columnOf(zzz));
        assertEquals("      zzz;", s.cellLine(4));
        assertEquals("(cell line 4)", CellException.frame(new StackTraceElement("", "", "#7", 2), List.of(s)));
        assertEquals("f (snippet #3, line 1)", CellException.frame(new StackTraceElement("", "f", "#3", 1), List.of(s)));
    }

    @Test
    void classPathComesFromCartansThenIJavasThenJJavasVariableAndDirStarMeansItsJars(@TempDir Path dir) throws IOException {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        String sep = File.pathSeparator;
        KernelOptions o = KernelOptions.fromEnvironment(Map.of(
                "CARTAN_KERNEL_CLASSPATH", "/x/cartan.jar" + sep + dir + "/*",
                "IJAVA_CLASSPATH", "/x/cartan.jar" + sep + "/y/extra.jar",
                "JJAVA_CLASSPATH", " ",
                "IJAVA_COMPILER_OPTS", " -Xlint:none  -parameters "));
        assertEquals(List.of("/x/cartan.jar", dir.resolve("a.jar").toString(), dir.resolve("b.jar").toString(), "/y/extra.jar"),
                o.classPath());
        assertEquals(List.of("-Xlint:none", "-parameters"), o.compilerOptions());
        assertEquals(List.of(), KernelOptions.fromEnvironment(Map.of()).classPath());
    }

    @Test
    void inspectionLooksUpTheWholeIdentifierAndTheCallAfterIt() {
        assertEquals("Math.max(".length(), CartanKernel.identifierEnd("Math.max(1, 2)", 6));
        assertEquals("Math.max (".length(), CartanKernel.identifierEnd("Math.max (1, 2)", 5));
        assertEquals("var abc".length(), CartanKernel.identifierEnd("var abc = 1;", 5));
        assertEquals(0, CartanKernel.identifierEnd("", 3));
    }
}
