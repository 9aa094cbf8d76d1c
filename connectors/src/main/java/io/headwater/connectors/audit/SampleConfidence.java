package io.headwater.connectors.audit;

import io.headwater.engine.audit.pii.PiiCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a breach-exposure sample can claim, in words for the evidence: exact counts when every
 * record was read; for a sample of {@code n} records, the share of the whole each found category
 * stands for, and for each value-matched category found in none of them the rule of three: with
 * none of {@code n} randomly drawn records showing it, its share of all records is below
 * {@code 3/n} at 95 % confidence (the exact bound {@code 1 - 0.05^(1/n)} is always below
 * {@code 3/n}). Stateless.
 */
final class SampleConfidence {
    private SampleConfidence() {
    }

    /** How much was read, e.g. {@code all 212 records read} or {@code 5000 of 41234 records sampled in 50 runs}. */
    static String extent(TopicSample.Result sample) {
        if (sample.whole()) {
            return "all " + sample.records() + " records read";
        }
        return sample.read() + " of " + sample.records() + " records sampled" + (sample.runs() > 1 ? " in " + sample.runs() + " runs" : "");
    }

    static List<String> describe(TopicSample.Result sample, PiiTally tally) {
        List<String> out = new ArrayList<>();
        if (sample.whole()) {
            out.add(extent(sample) + ": the counts are exact");
            return out;
        }
        long n = sample.read();
        if (sample.runs() <= 1) {
            out.add(extent(sample) + ": the first records in the store's order, not a random sample; the counts are of those records only");
            return out;
        }
        out.add(extent(sample) + ": runs of consecutive records, one at a random place in each of " + sample.runs()
                + " equal slices of the offsets, so the sample spans the whole topic; the counts are of the sampled records");
        if (n == 0) {
            out.add("no record could be read: nothing can be said of the topic's contents");
            return out;
        }
        List<String> absent = new ArrayList<>();
        for (PiiCategory c : PiiCategory.values()) {
            long k = tally.count(c);
            if (k > 0) {
                out.add(c.configName() + ": " + k + " of " + n + " sampled records (" + percent((double) k / n) + "), about "
                        + Math.round((double) k / n * sample.records()) + " of the " + sample.records() + " records if the sample is typical");
            } else if (c.valueMatched()) {
                absent.add(c.configName());
            }
        }
        if (!absent.isEmpty()) {
            out.add("none of the " + n + " sampled records shows " + String.join(", ", absent) + ": at 95 % confidence each is in fewer than 3/"
                    + n + " = " + percent(3.0 / n) + " of the topic's records (rule of three; exact bound 1 - 0.05^(1/" + n + ") = "
                    + percent(1 - Math.pow(0.05, 1.0 / n)) + "), taking the sampled records as random draws: exposed records bunched"
                    + " together between the runs could be missed");
        }
        return out;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.3g %%", share * 100);
    }
}
