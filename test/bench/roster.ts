// A generated roster of any size: 40 hospitals, 900 clinics, one doctor per row (the import bench and
// the console's 10,000-posting list).
export function generatedRoster(rows: number): string[][] {
  const table = [["支援单位", "受援单位", "受援单位联系人", "姓名", "性别", "职称", "科室", "联系电话", "开始日期", "结束日期"]];
  for (let i = 0; i < rows; i++) {
    table.push([`支援医院${i % 40}`, `卫生院${i % 900}`, `联系人${i % 900}`, `医生${i}`, i % 2 ? "男" : "女", "主治医师", "内科", `139${String(i).padStart(8, "0")}`, "2024-01-01", "2024-12-31"]);
  }
  return table;
}
