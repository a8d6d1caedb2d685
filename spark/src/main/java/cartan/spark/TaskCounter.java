package cartan.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts finished tasks on the driver's listener bus and reports them to a {@link Sweep.Progress}. */
final class TaskCounter extends SparkListener {

    private final JavaSparkContext spark;
    private final int total;
    private final Sweep.Progress progress;
    private final AtomicInteger done = new AtomicInteger();

    private TaskCounter(JavaSparkContext spark, int total, Sweep.Progress progress) {
        this.spark = spark;
        this.total = total;
        this.progress = progress;
    }

    static TaskCounter attach(JavaSparkContext spark, int total, Sweep.Progress progress) {
        TaskCounter c = new TaskCounter(spark, total, progress);
        spark.sc().addSparkListener(c);
        return c;
    }

    void detach() {
        spark.sc().removeSparkListener(this);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskInfo() != null && end.taskInfo().successful()) {
            progress.tasksDone(Math.min(done.incrementAndGet(), total), total);
        }
    }
}
