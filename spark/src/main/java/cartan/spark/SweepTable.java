package cartan.spark;

import cartan.profile.ExponentProfile;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvWriteOptions;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sweep's table: {@code model}, {@code step}, then the CSV columns of {@code bin/cartan profile}
 * ({@link ExponentProfile#CSV_COLUMNS}, {@code notes} last), one row per (model, layer), models in sweep order and
 * layers in profile order. CSV is written by Tablesaw exactly as {@code ProfileWriter.csv} writes a profile (doubles
 * in Java's shortest round-trip form, missing values empty), so a model's rows, without the first two fields, are
 * the lines of its {@code profile.csv}. Parquet: one file, written on the driver (so {@code --out} is a local
 * directory even on a cluster), snappy-compressed; strings UTF-8, integers int32 ({@code step} int64), doubles
 * float64; a missing value — an empty CSV cell, NaN in the profile's table — is null.
 */
public final class SweepTable {

    /** The sweep's columns. */
    public static final List<String> COLUMNS;

    /** The types of {@link ExponentProfile#CSV_COLUMNS} in a profile's table (STRING, INTEGER or DOUBLE). */
    static final List<ColumnType> PROFILE_TYPES;

    static {
        List<String> c = new ArrayList<>(List.of("model", "step"));
        c.addAll(ExponentProfile.CSV_COLUMNS);
        COLUMNS = List.copyOf(c);
        DMatrixRMaj probe = new DMatrixRMaj(new double[][] {{3, 1, 0}, {1, 2, 0}, {0, 0, 1}});
        Table t = ExponentProfile.ofLayers(List.of(probe)).table();
        List<ColumnType> types = new ArrayList<>();
        for (String name : ExponentProfile.CSV_COLUMNS) {
            ColumnType type = t.column(name).type();
            if (type != ColumnType.STRING && type != ColumnType.INTEGER && type != ColumnType.DOUBLE) {
                throw new IllegalStateException("profile column " + name + " has type " + type + ", not string, int or double");
            }
            types.add(type);
        }
        PROFILE_TYPES = List.copyOf(types);
    }

    /**
     * One row: a layer of a model.
     *
     * @param modelIndex the model's position in the sweep
     * @param model      the {@code model} value
     * @param step       the {@code step} value, or null
     * @param values     the profile's CSV columns: String, Integer (null: missing) or Double (NaN: missing)
     */
    public record Row(int modelIndex, String model, Long step, Object[] values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private SweepTable() {
    }

    /** The CSV columns of a one-layer profile's only row, as {@link Row#values()}. */
    static Object[] values(ExponentProfile oneLayer) {
        Table t = oneLayer.table();
        Object[] v = new Object[ExponentProfile.CSV_COLUMNS.size()];
        for (int k = 0; k < v.length; k++) {
            Column<?> c = t.column(ExponentProfile.CSV_COLUMNS.get(k));
            if (c instanceof StringColumn s) {
                v[k] = s.get(0);
            } else if (c instanceof IntColumn i) {
                v[k] = i.isMissing(0) ? null : i.getInt(0);
            } else {
                v[k] = ((DoubleColumn) c).getDouble(0);
            }
        }
        return v;
    }

    /** The rows as a Tablesaw table with {@link #COLUMNS}. */
    public static Table table(List<Row> rows) {
        Table t = Table.create("sweep");
        StringColumn model = StringColumn.create("model");
        LongColumn step = LongColumn.create("step");
        List<Column<?>> cols = new ArrayList<>();
        for (int k = 0; k < PROFILE_TYPES.size(); k++) {
            String name = ExponentProfile.CSV_COLUMNS.get(k);
            ColumnType type = PROFILE_TYPES.get(k);
            cols.add(type == ColumnType.STRING ? StringColumn.create(name)
                    : type == ColumnType.INTEGER ? IntColumn.create(name) : DoubleColumn.create(name));
        }
        for (Row r : rows) {
            model.append(r.model());
            if (r.step() == null) {
                step.appendMissing();
            } else {
                step.append(r.step());
            }
            for (int k = 0; k < cols.size(); k++) {
                Object v = r.values()[k];
                Column<?> c = cols.get(k);
                if (c instanceof StringColumn s) {
                    s.append((String) v);
                } else if (c instanceof IntColumn i) {
                    if (v == null) {
                        i.appendMissing();
                    } else {
                        i.append((Integer) v);
                    }
                } else {
                    ((DoubleColumn) c).append((Double) v);
                }
            }
        }
        t.addColumns(model, step);
        cols.forEach(t::addColumns);
        return t;
    }

    /** The table as CSV text, written as {@code ProfileWriter.csv} writes a profile. */
    public static String csv(Table t) {
        StringWriter out = new StringWriter();
        t.write().csv(CsvWriteOptions.builder(out).header(true).lineEnd("\n").build());
        return out.toString();
    }

    /** The Parquet schema of the sweep table. */
    static MessageType schema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.addField(Types.primitive(PrimitiveTypeName.BINARY, Repetition.REQUIRED)
                .as(LogicalTypeAnnotation.stringType()).named("model"));
        b.addField(Types.primitive(PrimitiveTypeName.INT64, Repetition.OPTIONAL).named("step"));
        for (int k = 0; k < PROFILE_TYPES.size(); k++) {
            String name = ExponentProfile.CSV_COLUMNS.get(k);
            ColumnType type = PROFILE_TYPES.get(k);
            if (type == ColumnType.STRING) {
                b.addField(Types.primitive(PrimitiveTypeName.BINARY, Repetition.OPTIONAL)
                        .as(LogicalTypeAnnotation.stringType()).named(name));
            } else if (type == ColumnType.INTEGER) {
                b.addField(Types.primitive(PrimitiveTypeName.INT32, Repetition.OPTIONAL).named(name));
            } else {
                b.addField(Types.primitive(PrimitiveTypeName.DOUBLE, Repetition.OPTIONAL).named(name));
            }
        }
        return b.named("cartan_sweep");
    }

    /** Writes the rows as one Parquet file (replacing it if it exists). */
    public static void writeParquet(Path file, List<Row> rows) throws IOException {
        MessageType schema = schema();
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new Configuration(false))
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Row r : rows) {
                Group g = groups.newGroup();
                g.add("model", r.model());
                if (r.step() != null) {
                    g.add("step", r.step().longValue());
                }
                for (int k = 0; k < PROFILE_TYPES.size(); k++) {
                    String name = ExponentProfile.CSV_COLUMNS.get(k);
                    Object v = r.values()[k];
                    if (v instanceof String s) {
                        g.add(name, s);
                    } else if (v instanceof Integer i) {
                        g.add(name, i.intValue());
                    } else if (v instanceof Double d && !Double.isNaN(d)) {
                        g.add(name, d.doubleValue());
                    }
                }
                w.write(g);
            }
        }
    }
}
