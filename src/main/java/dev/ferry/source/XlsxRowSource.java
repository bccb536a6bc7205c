package dev.ferry.source;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One sheet of an Excel workbook. Cells are read as the text a person sees (so "0812" stays "0812" when the
 * sheet stores text); real date cells become ISO text, which catalogs for Excel exports declare as their format.
 */
final class XlsxRowSource implements RowSource {
    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final Workbook workbook;
    private final Sheet sheet;
    private final List<String> header = new ArrayList<>();
    private final DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
    private int next;

    XlsxRowSource(Path file, String sheetName) throws IOException {
        this.workbook = WorkbookFactory.create(file.toFile(), null, true);
        this.sheet = sheetName == null ? workbook.getSheetAt(0) : workbook.getSheet(sheetName);
        if (sheet == null) {
            workbook.close();
            throw new MalformedRowException(0, "a sheet named '" + sheetName + "'");
        }
        org.apache.poi.ss.usermodel.Row first = sheet.getRow(sheet.getFirstRowNum());
        if (first != null) {
            for (int c = 0; c < first.getLastCellNum(); c++) {
                header.add(text(first.getCell(c)));
            }
        }
        next = sheet.getFirstRowNum() + 1;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public RowSource.Row next() {
        while (next <= sheet.getLastRowNum()) {
            org.apache.poi.ss.usermodel.Row row = sheet.getRow(next++);
            if (row == null) {
                continue;
            }
            String[] cells = new String[header.size()];
            boolean any = false;
            for (int c = 0; c < cells.length; c++) {
                cells[c] = text(row.getCell(c));
                any |= cells[c] != null && !cells[c].isBlank();
            }
            if (any) {
                return new RowSource.Row(row.getRowNum() + 1, cells);
            }
        }
        return null;
    }

    private String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            var dt = cell.getLocalDateTimeCellValue();
            return dt.toLocalTime().toSecondOfDay() == 0 ? dt.toLocalDate().toString() : dt.format(ISO_DATE_TIME);
        }
        if (type == CellType.NUMERIC) {
            return java.math.BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        return formatter.formatCellValue(cell);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
