/// Every rule perfsite applies, in one place: adding a rule is one entry here and one `Finding` case.
/// The README's rule table is generated from this list (`perfsite rules`), so the two cannot drift.
extension Rule {
    // MARK: Reading (R)
    public static let unreadableFile = Rule(
        id: "R001", severity: .error, title: "文件无法读取",
        checks: "文件存在且可以读取。", why: "读不到的表格无法公开,也不能悄悄跳过。",
        example: "Content/2026/a.tsv: error[R001]: 无法读取文件:权限不足",
        fix: "确认文件在 Content/ 中、没有被其他程序独占,运行 perfsite 的用户有读取权限(ls -l 可查看)。")
    public static let undecodableText = Rule(
        id: "R002", severity: .error, title: "文件编码无法识别",
        checks: "文件是 UTF-8(可带 BOM)、UTF-16(带 BOM)或 GB18030/GBK 编码的文本。",
        why: "编码猜错会把中文变成乱码后公开。",
        example: "Content/2026/a.tsv:7: error[R002]: 第 7 行起的内容既不是 UTF-8 也不是 GB18030 编码",
        fix: "在 Excel 或 WPS 中“另存为”UTF-8 编码的文本文件(制表符分隔)或 .xlsx;从网页复制的内容先粘贴到表格软件再保存。")
    public static let notATextTable = Rule(
        id: "R003", severity: .error, title: "不是文本表格",
        checks: "文件不为空,且不是二进制文件或压缩包。", why: "误放的文件不能被当作表格发布。",
        example: "Content/2026/a.tsv: error[R003]: 文件为空",
        fix: "删除误放的文件,或换成表格的原始导出文件(.tsv、.csv、.xlsx、.html)。")
    public static let limitExceeded = Rule(
        id: "R004", severity: .error, title: "超出读取上限",
        checks: "文件不超过 64 MiB,单元格不超过 256 KiB,每行不超过 256 列,不超过 1,000,000 行。",
        why: "异常巨大的输入多半是导出错误,限制让构建在可预期的时间和内存内结束。",
        example: "Content/2026/a.tsv:12:3: error[R004]: 单元格长度 1,048,576 字节,超过上限 262,144 字节",
        fix: "检查导出是否出错(例如整列公式被复制到百万行);确需发布的大表请拆分成多个文件。")
    public static let unclosedQuote = Rule(
        id: "R005", severity: .error, title: "引号未闭合",
        checks: "以英文双引号开头的单元格在本行或后续行中闭合。",
        why: "未闭合的引号会把后面的整张表吞进一个单元格。",
        example: "Content/2026/a.csv:9:2: error[R005]: 单元格以引号开头,但直到文件末尾都没有闭合",
        fix: "在报告所指的单元格找到开头的英文双引号,补上结尾的双引号,或改用中文引号“”。")

    // MARK: Layout (L)
    public static let unrecognizedLayout = Rule(
        id: "L001", severity: .error, title: "无法识别表格类型",
        checks: "文件是部门整体支出绩效目标表:有标题行、部门名称、预算整体情况、年度整体绩效目标和以“序号”开头的任务表头。",
        why: "其他表格(如自评表)不能按目标表发布。",
        example: "Content/2026/a.tsv: error[L001]: 不是部门整体支出绩效目标表:找不到“部门名称”、“序号”表头",
        fix: "确认文件是部门整体支出绩效目标表或项目支出绩效目标表;自评表等其他表格请移出 Content/。若表头名称与模板不同,按模板改回标准名称。")
    public static let missingField = Rule(
        id: "L002", severity: .error, title: "缺少必填项",
        checks: "部门名称、基本支出、项目支出、收入来源、年度整体绩效目标都已填写。",
        why: "《地方预决算公开操作规程》要求公开内容完整准确。",
        example: "Content/2026/a.tsv:5:2: error[L002]: 缺少必填项“部门名称”",
        fix: "在报告所指位置填写该项;确实为零的金额请填 0,不要留空。")
    public static let missingYear = Rule(
        id: "L003", severity: .error, title: "缺少预算年度",
        checks: "标题行写明年度(如“2026年”),或文件放在以年度命名的文件夹中(Content/2026/)。",
        why: "年度决定页面地址和跨年对比,不能猜。",
        example: "Content/a.tsv:3: error[L003]: 标题行和文件夹名都没有写明预算年度",
        fix: "在标题行写明年度(如“2026年部门整体支出绩效目标表”),或把文件放进 Content/2026/ 这样以年度命名的文件夹。")
    public static let missingColumn = Rule(
        id: "L004", severity: .error, title: "任务表缺少必需列",
        checks: "任务表头包含 序号、年度工作任务、拟投入金额、任务绩效指标、年度指标值 列。",
        why: "列按表头名称识别,缺列时无法正确对应数据。",
        example: "Content/2026/a.tsv:11: error[L004]: 任务表头缺少“年度指标值”列",
        fix: "按模板补上缺少的列,并使用标准列名(如“年度指标值”),不要合并或删除表头单元格。")
    public static let notACount = Rule(
        id: "L005", severity: .error, title: "人数或单位数不是整数",
        checks: "财政供养人员、下属单位数是非负整数。", why: "人数是公开的基本信息,必须准确。",
        example: "Content/2026/a.tsv:6:3: error[L005]: “财政供养人员”应为非负整数,实际为“一百四十七”",
        fix: "只填阿拉伯数字(如 147),不写“人”“个”或中文数字。")

    // MARK: Budget arithmetic (B)
    public static let expenditureTotalMismatch = Rule(
        id: "B001", severity: .error, title: "支出合计不符",
        checks: "基本支出 + 项目支出 = 表中写明的部门预算支出合计。", why: "公开的数字必须自洽,精确到分。",
        example: "Content/2026/a.tsv:10:3: error[B001]: 基本支出 1,022.51 + 项目支出 922.13 = 1,944.64 ≠ 支出合计 1,944.00",
        fix: "核对基本支出、项目支出和支出合计三个数,改正写错的一个;报告中列出了三个数和相差的金额。")
    public static let projectSumMismatch = Rule(
        id: "B002", severity: .error, title: "项目支出与任务金额合计不符",
        checks: "各年度工作任务的拟投入金额之和等于项目支出。", why: "项目支出应全部落实到具体任务。",
        example: "Content/2026/a.tsv:9:3: error[B002]: 项目支出 922.13 ≠ 各项目拟投入金额合计 900.00",
        fix: "逐项核对任务的拟投入金额,补上漏填的任务或改正金额,使其合计等于项目支出。")
    public static let budgetUnbalanced = Rule(
        id: "B003", severity: .error, title: "收支不平衡",
        checks: "部门预算支出合计(基本支出 + 项目支出)等于收入来源合计(财政拨款 + 其他资金 + 其他来源)。",
        why: "部门预算收支平衡,公开的表格两边必须相等。",
        example: "Content/2026/a.tsv:8:5: error[B003]: 支出合计 1,944.64 ≠ 收入来源合计 1,900.00(相差 44.64)",
        fix: "核对收入来源(财政拨款、其他资金等)和支出合计,改正其中写错的数,使收支相等。")
    public static let amountNotANumber = Rule(
        id: "B004", severity: .error, title: "金额无法识别",
        checks: "金额单元格是数字(可带千分位逗号、全角数字)。", why: "无法识别的金额无法核对和公开。",
        example: "Content/2026/a.tsv:8:3: error[B004]: “基本支出”的金额“一千”不是数字",
        fix: "金额只写数字(可带千分位逗号和小数点),单位写在表头(万元),不要写“约”“万”或中文数字。")
    public static let negativeAmount = Rule(
        id: "B005", severity: .error, title: "金额为负数",
        checks: "预算金额不为负数。", why: "预算支出和收入来源不能为负。",
        example: "Content/2026/a.tsv:12:5: error[B005]: “拟投入金额”为负数:-5.00",
        fix: "去掉负号;若确为调减,请在说明中写明,表中填调整后的预算金额。")
    public static let amountTooPrecise = Rule(
        id: "B006", severity: .error, title: "金额精度超出单位",
        checks: "金额不比“分”更精细(万元最多 6 位小数,元最多 2 位)。", why: "比分更细的金额是录入或换算错误。",
        example: "Content/2026/a.tsv:12:5: error[B006]: “拟投入金额”1.2345678 有 7 位小数,以万元计最多 6 位",
        fix: "把金额四舍五入到分(万元最多 6 位小数);多半是换算单位或公式计算时留下的尾数。")
    public static let incomeTotalMismatch = Rule(
        id: "B007", severity: .error, title: "收入合计不符",
        checks: "各收入来源之和等于表中写明的收入合计。", why: "公开的数字必须自洽。",
        example: "Content/2026/a.tsv:10:5: error[B007]: 各收入来源之和 1,944.64 ≠ 收入合计 1,940.00",
        fix: "核对各收入来源和收入合计,改正写错的数。")
    public static let projectFundsMismatch = Rule(
        id: "B008", severity: .error, title: "项目资金合计不符",
        checks: "项目支出绩效目标表中,财政拨款 + 其他资金等于年度资金总额。",
        why: "项目资金的来源之和必须等于项目的资金总额,否则公开的金额自相矛盾。",
        example: "Content/2026/项目.tsv:5:3: error[B008]: 财政拨款 60.00 + 其他资金 0.00 = 60.00 ≠ 年度资金总额 70.00",
        fix: "核对项目支出绩效目标表的财政拨款、其他资金和年度资金总额,使前两项之和等于总额。")

    // MARK: Projects (P)
    public static let sequenceProblem = Rule(
        id: "P001", severity: .error, title: "序号有误",
        checks: "序号是从 1 开始、连续且不重复的整数。", why: "序号错乱往往意味着漏行或重复粘贴。",
        example: "Content/2026/a.tsv:14:1: error[P001]: 序号应为 3,实际为 4(缺少或多出了任务行)",
        fix: "按 1、2、3……重新编排序号,并检查是否漏掉或重复粘贴了任务行。")
    public static let projectFieldMissing = Rule(
        id: "P002", severity: .error, title: "任务缺少必填项",
        checks: "每个任务都有年度工作任务名称、拟投入金额、任务绩效指标和年度指标值。",
        why: "缺项的任务无法公开其绩效目标。",
        example: "Content/2026/a.tsv:12:5: error[P002]: 任务 1「综合服务中心大院后勤外包服务项目」缺少“拟投入金额”",
        fix: "在任务行中补齐报告所指的栏目;一行一个任务,不要把任务拆到两行。")
    public static let projectFieldBlank = Rule(
        id: "P003", severity: .warning, title: "任务信息不完整",
        checks: "每个任务都填写了主要实施内容和任务来源。", why: "公众需要知道钱用来做什么、依据是什么。",
        example: "Content/2026/a.tsv:12:4: warning[P003]: 任务 1「…」未填写“任务来源”",
        fix: "补写主要实施内容或任务来源(如“依职能”“上级文件”);不影响发布,但公众需要这些信息。")

    // MARK: Indicators (I)
    public static let tooFewIndicators = Rule(
        id: "I001", severity: .error, title: "绩效指标数量不足",
        checks: "每个任务至少设置 3 个产出指标、1 个成本指标、1 个效益指标(表格“注”的要求)。",
        why: "指标体系要求每个项目的绩效目标覆盖产出、成本和效益。",
        example: "Content/2026/a.tsv:12:6: error[I001]: 任务 1「…」的产出指标只有 2 个,至少需要 3 个",
        fix: "为该任务补充指标,使产出指标至少 3 个、成本指标和效益指标至少各 1 个。")
    public static let level2OutsideLevel1 = Rule(
        id: "I002", severity: .error, title: "二级指标与一级指标不匹配",
        checks: "每个二级指标属于它前面的一级指标(如 质量指标 属于 产出指标)。", why: "归类错误会让统计和对比失真。",
        example: "Content/2026/a.tsv:12:6: error[I002]: 二级指标“质量指标”属于“产出指标”,不属于“效益指标”",
        fix: "把二级指标放到它所属的一级指标之后(如“质量指标”写在“产出指标”之后),或改正一级指标名称。")
    public static let unknownIndicatorName = Rule(
        id: "I003", severity: .warning, title: "未知的指标名称",
        checks: "二级指标是指标体系中的名称(或 perfsite.toml 中登记的别名)。", why: "未知名称多半是错别字。",
        example: "Content/2026/a.tsv:12:6: warning[I003]: 二级指标“质景指标”不在指标体系中,是否应为“质量指标”?",
        fix: "按指标体系改正错别字(报告会给出最接近的标准名称);确需使用本地名称的,在 perfsite.toml 的 [vocabulary.aliases] 中登记为别名。")
    public static let valueCountMismatch = Rule(
        id: "I004", severity: .error, title: "指标值个数与指标个数不符",
        checks: "年度指标值的个数等于任务绩效指标的个数,按顺序一一对应。", why: "个数不符时指标和目标值会错位公开。",
        example: "Content/2026/a.tsv:12:9: error[I004]: 任务 1「…」有 5 个绩效指标,但有 4 个年度指标值",
        fix: "让年度指标值与任务绩效指标按顺序一一对应:每个指标一个值,值之间用空格或换行分隔。")
    public static let inconsistentValueStyle = Rule(
        id: "I005", severity: .warning, title: "指标值写法不一致",
        checks: "同一张表中比例统一用百分数书写(不把 98% 写成 0.98)。", why: "写法不一致容易被误读。",
        example: "Content/2026/a.tsv:13:9: warning[I005]: 任务 2「…」指标“质量效果”的值 0.98 与本表其他比例的写法不一致,应写作 98%",
        fix: "把小数写法的比例改成百分数(0.98 → 98%),全表统一。")
    public static let invalidCoreFlag = Rule(
        id: "I006", severity: .error, title: "是否核心指标填写有误",
        checks: "是否核心指标填“是”或“否”。", why: "核心指标决定考核重点。",
        example: "Content/2026/a.tsv:12:7: error[I006]: 是否核心指标应填“是”或“否”,实际为“Y”",
        fix: "填“是”或“否”。")
    public static let unknownComparator = Rule(
        id: "I007", severity: .error, title: "对比符号无法识别",
        checks: "对比符号是 =、≥、≤、>、< 或 定性(半角、全角或“大于等于”等文字均可)。", why: "符号决定目标如何考核。",
        example: "Content/2026/a.tsv:12:8: error[I007]: 对比符号“约”无法识别",
        fix: "改为 =、≥、≤、>、< 或“定性”之一。")
    public static let placeholder = Rule(
        id: "I008", severity: .error, title: "存在未填写的占位符",
        checks: "指标名称和指标值中没有模板占位符(XX、待填写、/、……、指标2: 等)。", why: "占位符说明表格尚未填完,不能公开。",
        example: "Content/2026/a.tsv:12:9: error[I008]: 任务 1「…」指标“质量效果”的值是占位符“XX%”",
        fix: "把模板中的占位符(XX、待填写 等)换成实际的指标名称或目标值。")
    public static let unsplittableIndicatorCell = Rule(
        id: "I009", severity: .error, title: "绩效指标无法拆分",
        checks: "任务绩效指标按“一级 二级 三级”依次排列,每组以一级指标名称开头、三级指标不为空。",
        why: "无法拆分时无法确定每个指标及其目标值。",
        example: "Content/2026/a.tsv:12:6: error[I009]: 任务 1「…」的绩效指标应以一级指标名称开头,实际为“质量指标”",
        fix: "按“一级指标 二级指标 三级指标”的顺序书写每个指标,每组以一级指标名称(产出指标、成本指标、效益指标、满意度指标)开头。")
    public static let aliasUsed = Rule(
        id: "I010", severity: .warning, title: "使用了旧版或别名指标名称",
        checks: "指标名称使用现行指标体系的标准名称。", why: "旧名称已按标准名称归类,建议在源表中改正。",
        example: "Content/2026/a.tsv:12:6: warning[I010]: 二级指标“进度指标”已按“时效指标”归类",
        fix: "把旧名称改成报告中给出的标准名称;不改也会按标准名称归类发布。")

    // MARK: HTML fragments (H)
    public static let fragmentSanitized = Rule(
        id: "H001", severity: .warning, title: "已删除不安全或不支持的内容",
        checks: "单元格中的 HTML 只含允许的标签(p、br、strong、em、b、i、u、ul、ol、li、table 系列、span、a)和属性。",
        why: "政府网站不能发布脚本、外链资源或事件属性;删除的内容要告诉发布者。",
        example: "Content/2026/a.tsv:10:2: warning[H001]: 年度整体绩效目标中删除了 1 个 <script> 元素及其内容",
        fix: "不需要脚本或外部内容时无须处理;若删除的是想保留的格式,请改用允许的标签(如用 <strong> 加粗)。")
    public static let fragmentUnparseable = Rule(
        id: "H002", severity: .error, title: "HTML 片段无法解析",
        checks: "单元格中的 HTML 可以完整解析(嵌套不超过 256 层)。", why: "解析被截断时会有内容丢失而不被察觉。",
        example: "Content/2026/a.tsv:10:2: error[H002]: 年度整体绩效目标的 HTML 嵌套过深,解析在第 1 行中断",
        fix: "检查单元格中的 HTML 标签是否成对闭合,删除多余的嵌套;或改为纯文本。")

    // MARK: Site (S)
    public static let duplicateDepartment = Rule(
        id: "S001", severity: .error, title: "同一年度部门重复",
        checks: "同一年度中每个部门只有一张部门整体支出绩效目标表。", why: "重复的表格会让公众看到两个版本而不知以哪个为准。",
        example: "Content/2026/b.tsv:5:2: error[S001]: 2026 年已有“某某局”的表格(Content/2026/a.tsv),同一部门不能出现两次",
        fix: "同一部门同一年度只保留一张表:删除旧版本或重复的文件。")
    public static let departmentIDCollision = Rule(
        id: "S002", severity: .error, title: "部门标识冲突",
        checks: "同一年度中不同部门的网页地址标识互不相同。", why: "地址冲突会让一个部门的页面覆盖另一个部门。",
        example: "Content/2026/b.tsv:5:2: error[S002]: 部门“乙局”的标识 gxq 已被“甲局”使用,请在 perfsite.toml [departments] 中另设",
        fix: "在 perfsite.toml 的 [departments] 中为其中一个部门指定另一个标识。")
    public static let invalidDepartmentCode = Rule(
        id: "S003", severity: .error, title: "部门标识不合法",
        checks: "perfsite.toml [departments] 中的标识只含小写字母、数字和连字符。", why: "标识是网页地址的一部分,必须在所有服务器上可用。",
        example: "perfsite.toml: error[S003]: 部门“某某局”的标识“Gxq 局”只能包含小写字母、数字和连字符",
        fix: "标识只用小写字母、数字和连字符,如 gxq-caizheng。")

    /// The catalogue in id order.
    public static let catalogue: [Rule] = [
        .unreadableFile, .undecodableText, .notATextTable, .limitExceeded, .unclosedQuote,
        .unrecognizedLayout, .missingField, .missingYear, .missingColumn, .notACount,
        .expenditureTotalMismatch, .projectSumMismatch, .budgetUnbalanced, .amountNotANumber, .negativeAmount,
        .amountTooPrecise, .incomeTotalMismatch, .projectFundsMismatch,
        .sequenceProblem, .projectFieldMissing, .projectFieldBlank,
        .tooFewIndicators, .level2OutsideLevel1, .unknownIndicatorName, .valueCountMismatch,
        .inconsistentValueStyle, .invalidCoreFlag, .unknownComparator, .placeholder, .unsplittableIndicatorCell,
        .aliasUsed,
        .fragmentSanitized, .fragmentUnparseable,
        .duplicateDepartment, .departmentIDCollision, .invalidDepartmentCode,
    ]
}
