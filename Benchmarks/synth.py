#!/usr/bin/env python3
# Copied unchanged from the team's shared/bench/synth.py so that a fresh clone can run the
# benchmarks and the synthetic-corpus tests on its own.
"""Synthetic budget-disclosure corpus, in the layout of the sample table
(部门整体支出绩效目标表, tab-separated, UTF-8), for benchmarks only.

Every figure adds up (基本支出 + 项目支出 = 财政拨款 + 其他资金; projects sum to
项目支出) and every project carries the minimum indicator set, so a valid
corpus should build with no errors.  With --hugo DIR it also writes an
equivalent data-driven Hugo site (one page per department, one per project,
a JSON search index over all pages), so the two generators can be timed on
the same work.

    synth.py --departments 1000 --out /tmp/content [--hugo /tmp/hugosite] [--seed 7]

The data is invented: names and texts are recombined from a small vocabulary.
"""
import argparse
import json
import os
import random
from decimal import Decimal

REGIONS = ["洛阳高新区", "洛龙区", "西工区", "老城区", "瀍河区", "涧西区", "偃师区", "孟津区",
           "新安县", "宜阳县", "伊川县", "嵩县", "栾川县", "汝阳县", "洛宁县"]
AGENCIES = ["管理委员会", "财政局", "教育局", "卫生健康委员会", "民政局", "人力资源和社会保障局",
            "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "农业农村局", "水利局",
            "文化广电和旅游局", "应急管理局", "市场监督管理局", "统计局", "医疗保障局", "城市管理局",
            "科学技术局", "商务局", "审计局", "退役军人事务局", "司法局", "政务服务和大数据管理局"]
TASK_STEMS = ["后勤外包服务", "政务服务保障", "信息化建设运行维护", "网络线路租金", "办公场所租金",
              "安保队伍经费", "公共设施维修维护", "档案数字化", "业务培训", "宣传工作", "应急物资储备",
              "食堂劳务服务", "园林绿化管养", "公务用车运行维护", "数据中心运维", "网络安全等级保护",
              "社区服务补助", "义务教育学校运转", "基层医疗机构补助", "农村道路养护", "河道保洁",
              "城市照明运行", "垃圾清运处置", "困难群众救助", "就业创业补贴", "科技创新奖励"]
CONTENT = ["做好办公楼等公共区域环境卫生保洁服务", "保障机关大院正常办公秩序", "消除办公楼的安全隐患",
           "确保国有资产安全完整使用", "进一步完善机关后勤办公条件", "降低成本,提升效能",
           "负责政务外网、政务服务大厅信息化工作", "用于信息系统的日常维护费用", "开展极端天气应急及灾后修复",
           "打造“高效事兴办”的营商环境", "按照《政府采购法》相关规定组织实施", "做好设施设备更新换代工作",
           "提升群众和企业办事满意度", "落实网络安全等级保护制度要求", "开展业务人员专题培训"]
SOURCES = ["依职能", "依职能", "依职能", "上级文件", "区委区政府决策部署", "民生实事"]

# (一级, 二级, 三级, 值) — the indicator vocabulary of the sample table and its note.
COST = [("成本指标", "经济成本指标", "成本控制:在预算范围之内。", ["100%", "98%"])]
OUTPUT = [("产出指标", "质量指标", "支出标准合规率", ["100%", "98%"]),
          ("产出指标", "质量指标", "质量效果", ["100%", "98%", "95%"]),
          ("产出指标", "时效指标", "完成期限", ["1年", "12个月"]),
          ("产出指标", "数量指标", "服务场所数量", ["3个", "5个", "12个"]),
          ("产出指标", "数量指标", "培训人次", ["200人次", "500人次"]),
          ("产出指标", "时效指标", "资金支付及时率", ["100%", "95%"])]
BENEFIT = [("效益指标", "可持续影响指标", "日常管理业务的可持续性", ["12个月", "可持续"]),
           ("效益指标", "社会效益指标", "保障机关运转", ["可持续", "正常运转"]),
           ("效益指标", "经济效益指标", "降低运行成本", ["5%", "10%"])]
SATISFACTION = [("满意度指标", "服务对象满意度指标", "群众满意度", ["90%", "95%"])]

NOTE = ("注:绩效指标包括成本指标、产出指标、效益指标和满意度指标四类一级指标。其中:成本指标包括经济成本、社会成本、"
        "生态环境成本等二级指标;产出指标包括数量指标、质量指标、时效指标等二级指标;效益指标包括经济效益指标、"
        "社会效益指标、生态效益指标、可持续影响指标等二级指标。每个项目至少需设置3个产出指标、1个成本指标、1个效益指标。")


def money(cents):
    """万元 with two decimals, written the way the sample writes it (no trailing zeros)."""
    d = (Decimal(cents) / 100).normalize()
    s = format(d, "f")
    return s


def department(rng, i, year):
    region = REGIONS[i % len(REGIONS)]
    agency = AGENCIES[(i // len(REGIONS)) % len(AGENCIES)]
    serial = i // (len(REGIONS) * len(AGENCIES))
    name = f"{region}{agency}" + (f"第{serial + 1}分局" if serial else "")
    projects = []
    for n in range(rng.randint(3, 25)):
        stem = rng.choice(TASK_STEMS)
        inds = [rng.choice(COST)] + rng.sample(OUTPUT, rng.randint(3, 5)) + rng.sample(BENEFIT, rng.randint(1, 2))
        if rng.random() < 0.3:
            inds.append(SATISFACTION[0])
        projects.append({
            "seq": n + 1,
            "name": f"{stem}项目" if rng.random() < 0.5 else f"{stem}经费",
            "content": "。".join(rng.sample(CONTENT, rng.randint(1, 4))) + "。",
            "source": rng.choice(SOURCES),
            "cents": rng.randint(100, 2_000_000),
            "indicators": [(a, b, c, rng.choice(v)) for a, b, c, v in inds],
        })
    project_cents = sum(p["cents"] for p in projects)
    basic_cents = rng.randint(50_000, 20_000_000)
    other_cents = rng.choice([0, 0, 0, rng.randint(0, basic_cents // 10)])
    goals = [f"<p>{k + 1}. " + ",".join(rng.sample(CONTENT, rng.randint(2, 5))) + "。</p>"
             for k in range(rng.randint(1, 5))]
    return {
        "region": region, "year": year, "name": name, "supervisor": name,
        "staff": rng.randint(5, 400), "units": rng.randint(0, 12),
        "basic": basic_cents, "project": project_cents,
        "appropriation": basic_cents + project_cents - other_cents, "other": other_cents,
        "goals": goals, "projects": projects,
    }


def tsv(d):
    pad = lambda cells: "\t".join(cells + [""] * (9 - len(cells)))
    basic = money(d["basic"])
    if d["basic"] >= 100_000:  # the sample writes 1,022.51 with a thousands separator
        whole, _, frac = format(Decimal(d["basic"]) / 100, "f").partition(".")
        basic = f"{int(whole):,}" + (f".{frac.rstrip('0')}" if frac.rstrip("0") else "")
    lines = ["", "", f"{d['region']}区级{d['year']}年部门整体支出绩效目标表", "",
             pad(["部门名称", d["name"], "", "主管部门", d["supervisor"]]),
             pad(["基本信息", "财政供养人员", str(d["staff"]), "下属单位数", str(d["units"])]),
             pad(["预算整体情况", "部门预算支出", "预算金额(万元)", "收入来源", "预算金额(万元)"]),
             pad(["", "基本支出", basic, "财政拨款", money(d["appropriation"])]),
             pad(["", "项目支出", money(d["project"]), "其他资金", money(d["other"])]),
             pad(["年度整体绩效目标", " ".join(d["goals"])]),
             "序号\t年度工作任务\t主要实施内容\t任务来源\t拟投入金额\t任务绩效指标\t是否核心指标\t对比符号\t年度指标值"]
    for p in d["projects"]:
        flat = " ".join(f"{a} {b} {c}" for a, b, c, _ in p["indicators"])
        values = " ".join(v for *_, v in p["indicators"])
        lines.append("\t".join([str(p["seq"]), p["name"], p["content"], p["source"], money(p["cents"]),
                                flat, "是", "=", values]))
    lines += ["", NOTE]
    return "\n".join(lines)


def hugo_site(root, departments):
    os.makedirs(f"{root}/layouts/_default", exist_ok=True)
    os.makedirs(f"{root}/content/departments", exist_ok=True)
    with open(f"{root}/config.json", "w") as f:
        json.dump({"baseURL": "http://localhost/", "title": "预算公开", "languageCode": "zh-cn",
                   "hasCJKLanguage": True, "disableKinds": ["taxonomy", "term", "RSS"],
                   "outputs": {"home": ["HTML", "JSON"]}}, f)
    layouts = {
        "_default/baseof.html": '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>',
        "index.html": '{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range (.Site.GetPage "/departments").Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.total }}</li>{{ end }}</ul>{{ end }}',
        "index.json": '[{{ range $i, $p := .Site.RegularPages }}{{ if $i }},{{ end }}{"t":{{ $p.Title | jsonify }},"u":{{ $p.RelPermalink | jsonify }},"c":{{ $p.Params.content | jsonify }}}{{ end }}]',
        "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ with .Params.staff }}<table><tr><th>财政供养人员</th><td>{{ . }}</td></tr><tr><th>基本支出</th><td>{{ $.Params.basic }}</td></tr><tr><th>项目支出</th><td>{{ $.Params.project }}</td></tr></table>{{ end }}{{ range .Params.goals }}<p>{{ . }}</p>{{ end }}<table><tr><th>序号</th><th>年度工作任务</th><th>拟投入金额</th></tr>{{ range .RegularPages.ByWeight }}<tr><td>{{ .Params.seq }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.amount }}</td></tr>{{ end }}</table>{{ end }}',
        "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.content }}</p><p>{{ .Params.source }} {{ .Params.amount }}</p><table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>{{ range .Params.indicators }}<tr><td>{{ index . 0 }}</td><td>{{ index . 1 }}</td><td>{{ index . 2 }}</td><td>{{ index . 3 }}</td></tr>{{ end }}</table>{{ end }}',
    }
    for path, text in layouts.items():
        with open(f"{root}/layouts/{path}", "w") as f:
            f.write(text)
    with open(f"{root}/content/departments/_index.md", "w") as f:
        f.write('{"title":"部门"}\n')
    for i, d in enumerate(departments):
        sec = f"{root}/content/departments/d{i:06d}"
        os.makedirs(sec, exist_ok=True)
        front = {"title": d["name"], "staff": d["staff"], "basic": money(d["basic"]),
                 "project": money(d["project"]), "total": money(d["basic"] + d["project"]),
                 "goals": [g[3:-4] for g in d["goals"]]}
        with open(f"{sec}/_index.md", "w") as f:
            f.write(json.dumps(front, ensure_ascii=False) + "\n")
        for p in d["projects"]:
            front = {"title": p["name"], "weight": p["seq"], "seq": p["seq"], "content": p["content"],
                     "source": p["source"], "amount": money(p["cents"]),
                     "indicators": [list(x) for x in p["indicators"]]}
            with open(f"{sec}/p{p['seq']:03d}.md", "w") as f:
                f.write(json.dumps(front, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--departments", type=int, default=100)
    ap.add_argument("--out", required=True, help="folder for the .tsv tables (a Content/ folder)")
    ap.add_argument("--hugo", help="also write an equivalent Hugo site here")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--year", type=int, default=2026)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    departments = [department(rng, i, args.year) for i in range(args.departments)]
    for i, d in enumerate(departments):
        with open(os.path.join(args.out, f"d{i:06d}.tsv"), "w", encoding="utf-8") as f:
            f.write(tsv(d))
    if args.hugo:
        hugo_site(args.hugo, departments)
    pages = sum(len(d["projects"]) + 1 for d in departments)
    print(f"{args.departments} departments, {pages} department and project pages")


if __name__ == "__main__":
    main()
