"""Traditional → simplified character folding for matching labels and keywords (never for prose output).

Prose is kept exactly as published; this table is only used to *recognise* labels and narrative keywords in
naive traditional conversions of reports (``行政規范性文件``, ``屬于``, ``補正后``). It maps single characters.
"""

from __future__ import annotations

# Pairs of (traditional, simplified), written as two aligned strings so the table stays compact.
_TRADITIONAL = (
    "請辦處復覆議訴訟費沒無萬結兩個數總計開資關於為與項規範規範檔屬補後製發廢許罰強業機構組織會類護險穩轉續維糾審經確認獲"
    "國條例據華號區編體況動態問題進應對現實專調查從來這們讓寫錄記網絡導評議幹績標務單內協醫衛環稅財勞見礦陘聯繫郵電話"
    "東門術產權態質當時後頁書報證變價雜災傳銷執並幣齊齡歲歷壓廣廳廠縣鄉鎮鄰館園圖場壞壽夠夢奪奮婦嬰學寧寶將對尋導層屆屬"
    "嶺幫幾庫廢廟廳彈徑從復徵態慣憑應懷戰戶拋挾捨掃揚換損搖搶撥擁擇擊擔據擠擬擴攔攝攜敗敘敵數斷於時晉暫曆曉會朧東條桿棄極"
    "構槍樂樣樓標樞權歐歸殘殺殼氣漢滿濟灣爐爭爲爺狀獨獲獻環現瑣產畝畫異當瘡癥盡監盤眾瞭礎禮稱穩窮竊競筆節範築簡糧糾紀紅約紙"
    "級純紛紡紮細終組絕給統絲經綠網綱緊緒線練組縣縮總績繁織繫繼續罰罷羅義習聖聞聯聲聽職肅脅腦臨臺與舉舊藝蘇處號術衛衝製複"
    "襲規視覺親觀觸計訂認討訓記設訪訴詞試詢詳說誰課調談請諸諾謀謝證識譯議護讀變讓豐貝負財貢貧貨販責貸費貼貿資賊賓賣賞賠"
    "質購賽贊趕趨跡踐車軍軌軟輕載輔輸轄轉辦辭農邊遞週遷運過達違遠適選遺邁還郵鄉鄭醫釋里針鈴銀銷鋪鋼錄錢錯鍵鎮鐵長門閉開閑"
    "間閱闆闊關陣陳陸陰際隊階隨險隱隸雖雙雞離難電靜韓頂項順須頒預領頻題額顧顯風飛飯養館馬駐驗體髮鬥魚鮮鳥黨齒齊"
    "內兒兩來侖個們倉偉側備傳債傷僅價儀億優兌兇兩冊劃劇劉則剛創劍勁動務勝勞勢勵勸區協卻厲參叢員問啟喪單嚴團園圍國"
    "檢標準況強紀級羣群"
)
_SIMPLIFIED = (
    "请办处复复议诉讼费没无万结两个数总计开资关于为与项规范规范档属补后制发废许罚强业机构组织会类护险稳转续维纠审经确认获"
    "国条例据华号区编体况动态问题进应对现实专调查从来这们让写录记网络导评议干绩标务单内协医卫环税财劳见矿陉联系邮电话"
    "东门术产权态质当时后页书报证变价杂灾传销执并币齐龄岁历压广厅厂县乡镇邻馆园图场坏寿够梦夺奋妇婴学宁宝将对寻导层届属"
    "岭帮几库废庙厅弹径从复征态惯凭应怀战户抛挟舍扫扬换损摇抢拨拥择击担据挤拟扩拦摄携败叙敌数断于时晋暂历晓会胧东条杆弃极"
    "构枪乐样楼标枢权欧归残杀壳气汉满济湾炉争为爷状独获献环现琐产亩画异当疮症尽监盘众了础礼称稳穷窃竞笔节范筑简粮纠纪红约纸"
    "级纯纷纺扎细终组绝给统丝经绿网纲紧绪线练组县缩总绩繁织系继续罚罢罗义习圣闻联声听职肃胁脑临台与举旧艺苏处号术卫冲制复"
    "袭规视觉亲观触计订认讨训记设访诉词试询详说谁课调谈请诸诺谋谢证识译议护读变让丰贝负财贡贫货贩责贷费贴贸资贼宾卖赏赔"
    "质购赛赞赶趋迹践车军轨软轻载辅输辖转办辞农边递周迁运过达违远适选遗迈还邮乡郑医释里针铃银销铺钢录钱错键镇铁长门闭开闲"
    "间阅板阔关阵陈陆阴际队阶随险隐隶虽双鸡离难电静韩顶项顺须颁预领频题额顾显风飞饭养馆马驻验体发斗鱼鲜鸟党齿齐"
    "内儿两来仑个们仓伟侧备传债伤仅价仪亿优兑凶两册划剧刘则刚创剑劲动务胜劳势励劝区协却厉参丛员问启丧单严团园围国"
    "检标准况强纪级群群"
)
if len(_TRADITIONAL) != len(_SIMPLIFIED):  # pragma: no cover - guarded by a test, kept as a loud import error
    msg = "traditional/simplified tables are not aligned"
    raise RuntimeError(msg)

TO_SIMPLIFIED = str.maketrans(dict(zip(_TRADITIONAL, _SIMPLIFIED, strict=True)))


def to_simplified(text: str) -> str:
    """Fold the traditional characters of ``text`` that this table knows to simplified ones."""
    return text.translate(TO_SIMPLIFIED)
