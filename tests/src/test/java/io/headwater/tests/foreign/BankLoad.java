package io.headwater.tests.foreign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bank's own traffic: one named thread doing small transactions at a given rate, each one insert,
 * update or delete (about 60 % updates, 25 % inserts, 5 % deletes of a customer with its accounts). It
 * starts paused; {@link #run(double)} sets the rate and resumes, {@link #pause()} returns once no
 * transaction is in flight. Seeded, so a run does the same operations in the same order.
 *
 * <p>Thread-safe. A failure stops the load and is kept for {@link #failure()}.
 */
final class BankLoad implements AutoCloseable {
    private final Connection db;
    private final Random random = new Random(20_261_204L);
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock(true); // fair: pause() is not overtaken by the next transaction
    private final Condition resumed = lock.newCondition();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private long nextCustomer;
    private long nextAccount;
    private boolean paused = true;
    private boolean closed;
    private long periodNanos;

    /** Drives {@code db} (which the load then owns), whose bank was seeded with ids up to {@code customers} and {@code accounts}. */
    BankLoad(Connection db, String name, int customers, int accounts) {
        this.db = db;
        this.nextCustomer = customers + 1L;
        this.nextAccount = accounts + 1L;
        this.thread = new Thread(this::loop, "foreign-load-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs at {@code opsPerSecond} transactions per second from now on. */
    void run(double opsPerSecond) {
        if (opsPerSecond <= 0) {
            throw new IllegalArgumentException("opsPerSecond must be positive: " + opsPerSecond);
        }
        lock.lock();
        try {
            periodNanos = (long) (1_000_000_000L / opsPerSecond);
            paused = false;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops issuing transactions; on return none is in flight and every one done so far is committed. */
    void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    /** Transactions committed so far. */
    long operations() {
        return operations.get();
    }

    RuntimeException failure() {
        return failure.get();
    }

    private void loop() {
        long next = System.nanoTime();
        try {
            while (true) {
                lock.lockInterruptibly();
                try {
                    while (paused && !closed) {
                        resumed.await();
                        next = System.nanoTime();
                    }
                    if (closed) {
                        return;
                    }
                    // the lock is held during the transaction: pause() returns only between two of them
                    operate();
                    operations.incrementAndGet();
                    next += periodNanos;
                } finally {
                    lock.unlock();
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the load's pace, not a test decision
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            failure.set(new ForeignPipelineException("the bank load failed: " + e.getMessage(), e));
        }
    }

    private void operate() throws SQLException {
        int dice = random.nextInt(100);
        long customer = 1 + (long) (random.nextDouble() * (nextCustomer - 1));
        long account = 1 + (long) (random.nextDouble() * (nextAccount - 1));
        if (dice < 30) {
            update("UPDATE customers SET balance = balance + ?::numeric, updated_at = now() WHERE id = ?",
                    String.format(Locale.ROOT, "%.2f", random.nextInt(20_000) / 100.0 - 100), customer);
        } else if (dice < 40) {
            update("UPDATE customers SET email = ?, updated_at = now() WHERE id = ?",
                    "changed" + random.nextInt(1_000_000) + "@example.com", customer);
        } else if (dice < 60) {
            update("UPDATE accounts SET balance = balance + ?::numeric, updated_at = now() WHERE id = ?",
                    String.format(Locale.ROOT, "%.2f", random.nextInt(50_000) / 100.0 - 250), account);
        } else if (dice < 80) {
            long id = nextCustomer++;
            try (PreparedStatement p = db.prepareStatement("INSERT INTO customers (id, name, email, country, updated_at, balance) "
                    + "VALUES (?, ?, ?, 'DE', now(), 0.00)")) {
                p.setLong(1, id);
                p.setString(2, "New customer " + id);
                p.setString(3, "new" + id + "@example.com");
                p.executeUpdate();
            }
        } else if (dice < 95) {
            long id = nextAccount++;
            try (PreparedStatement p = db.prepareStatement("INSERT INTO accounts (id, customer_id, iban, kind, updated_at, balance) "
                    + "SELECT ?, id, 'DE' || lpad(?::text, 20, '0'), 'checking', now(), 0.00 FROM customers WHERE id = ?")) {
                p.setLong(1, id);
                p.setLong(2, id);
                p.setLong(3, customer);
                p.executeUpdate();
            }
        } else {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM customers WHERE id = ?")) {
                p.setLong(1, customer);
                p.executeUpdate();
            }
        }
    }

    private void update(String sql, String value, long id) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, value);
            p.setLong(2, id);
            p.executeUpdate();
        }
    }

    /** Stops the thread and closes the connection. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(10_000);
            db.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot close the bank load's connection: " + e.getMessage(), e);
        }
    }
}
