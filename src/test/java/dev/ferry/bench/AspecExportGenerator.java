package dev.ferry.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes an ASPEC export of any size in the fixture's layout, for benchmarks: reference files come from the
 * basic fixture, accounts, contacts, IBOs and interactions are generated (15/40/25/20 % of the records).
 */
public final class AspecExportGenerator {
    private static final Path FIXTURE = Path.of("fixtures/aspec/basic/export");
    private static final String[] OWNERS = {"Priya Shah", "Daniel Okafor", "Sarah Chen", "Kevin MacLeod"};
    private static final String[] CITIES = {"Toronto", "Ottawa", "Montréal", "Calgary", "Vancouver", "Halifax"};
    private static final String[] PROVINCES = {"ON", "Ontario", "QC", "AB", "BC", "NS"};
    private static final String[] STAGES = {"Prospecting", "Discovery", "Proposal", "Negotiation", "Closed Won", "Closed Lost"};
    private static final String[] STATUS = {"Open", "Open", "Open", "Open", "Won", "Lost"};
    private static final String[] TYPES = {"Call", "Email", "Meeting", "Task", "Appointment"};

    private AspecExportGenerator() {
    }

    public static void main(String[] args) throws IOException {
        generate(Path.of(args[0]), Integer.parseInt(args[1]));
    }

    public static void generate(Path dir, int records) throws IOException {
        Files.createDirectories(dir);
        for (String f : List.of("users.csv", "tags.csv", "pipeline_stages.csv", "currencies.csv",
                "custom_field_definitions.csv", "reports.csv", "workflows.csv")) {
            Files.copy(FIXTURE.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("attachments.csv"),
                "Attachment ID,Regarding Type,Regarding ID,File Name,Size (KB),Uploaded On,Uploaded By\r\n");
        Random rnd = new Random(42);
        int accounts = Math.max(1, records * 15 / 100);
        int contacts = Math.max(1, records * 40 / 100);
        int ibos = Math.max(1, records * 25 / 100);
        int interactions = Math.max(1, records - accounts - contacts - ibos);
        try (BufferedWriter w = writer(dir.resolve("accounts.csv"))) {
            w.write("Account ID,Account Name,Parent Account ID,Legal Entity,Industry,Phone,Website,Street,City,"
                    + "Province/State,Postal Code,Country,Owner,Tags,Created On,Modified On\r\n");
            for (int i = 1; i <= accounts; i++) {
                String parent = i > 10 && i % 7 == 0 ? "A-" + (i - 3) : "";
                w.write("A-" + i + ",Company " + i + " Ltd.," + parent + "," + (i % 2 == 0 ? "Y" : "N")
                        + ",Retail,416-555-" + String.format("%04d", i % 10000) + ",www.c" + i + ".ca," + i
                        + " King Street W," + CITIES[i % CITIES.length] + "," + PROVINCES[i % PROVINCES.length]
                        + ",M5V2T6,Canada," + OWNERS[i % OWNERS.length] + ",VIP;key-account,01/15/2022 09:30 AM,"
                        + "03/02/2024 04:15 PM\r\n");
            }
        }
        try (BufferedWriter w = writer(dir.resolve("contacts.csv"))) {
            w.write("Contact ID,Account ID,Salutation,First Name,Last Name,Title,Contact Status,Email,Business Phone,"
                    + "Mobile,Street,City,Province/State,Postal Code,Country,Source Campaign,Source Event,Owner,Tags,"
                    + "Notes,Created On,Modified On\r\n");
            for (int i = 1; i <= contacts; i++) {
                String status = i % 4 == 0 ? "Marketing Lead" : i % 4 == 1 ? "Customer" : "Sales Qualified";
                w.write("C-" + i + ",A-" + (1 + rnd.nextInt(accounts)) + ",Ms.,Zoë" + i + ",Tremblay,Buyer," + status
                        + ",c" + i + "@example.ca,416-555-0100,647-555-0101,,,,,,Spring 2023,,"
                        + OWNERS[i % OWNERS.length] + ",Referral,\"Met at the show.\nCall back in May.\","
                        + "02/11/2022 10:00 AM,03/03/2024 11:00 AM\r\n");
            }
        }
        try (BufferedWriter w = writer(dir.resolve("ibos.csv"))) {
            w.write("IBO ID,IBO Name,Contact ID,Account ID,Owner,Pipeline,Stage,Qualified Date,Close Date,Will It Happen,"
                    + "Will We Win,Probability %,Priority,Status,Value,Currency,Competitor,Tags,Description,Modified On\r\n");
            for (int i = 1; i <= ibos; i++) {
                int c = 1 + rnd.nextInt(contacts);
                if (c % 4 == 0) {
                    c = c == contacts ? c - 1 : c + 1;
                }
                int s = rnd.nextInt(STAGES.length);
                w.write("I-" + i + ",Deal " + i + ",C-" + c + ",," + OWNERS[i % OWNERS.length] + ",New Business,"
                        + STAGES[s] + ",03/01/2023,09/30/2024,High,Medium,50,Review First," + STATUS[s] + ",\""
                        + (1000 + rnd.nextInt(90000)) + ",500.00\"," + (i % 9 == 0 ? "USD" : "CAD")
                        + ",Acme,VIP,Needs a quote.,03/04/2024 12:00 PM\r\n");
            }
        }
        try (BufferedWriter w = writer(dir.resolve("interactions.csv"))) {
            w.write("Interaction ID,Type,Subject,Date,Due Date,Completed,Regarding Type,Regarding ID,Owner,Notes\r\n");
            for (int i = 1; i <= interactions; i++) {
                boolean done = i % 5 != 0;
                String regarding = i % 2 == 0 ? "Account,A-" + (1 + rnd.nextInt(accounts)) : "IBO,I-" + (1 + rnd.nextInt(ibos));
                w.write("N-" + i + "," + TYPES[i % TYPES.length] + ",Follow-up " + i + ",04/05/2023 02:30 PM,"
                        + (done ? "" : "05/01/2023") + "," + (done ? "Y" : "N") + "," + regarding + ","
                        + OWNERS[i % OWNERS.length] + ",Discussed pricing.\r\n");
            }
        }
        try (BufferedWriter w = writer(dir.resolve("custom_field_values.csv"))) {
            w.write("Form,Record ID,Field Key,Value\r\n");
            for (int i = 1; i <= accounts; i += 10) {
                w.write("Account,A-" + i + ",region_code,ON-" + (i % 5) + "\r\n");
            }
        }
    }

    private static BufferedWriter writer(Path p) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        return w;
    }
}
