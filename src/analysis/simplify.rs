//! Traditional → simplified Chinese, char for char: the conversion of fast2s 0.3.1 (its
//! map of 2,734 characters and its context rules), made into a table at compile time.
//!
//! fast2s looks each character up in a hash map and returns a new string per call, and
//! folding calls it on every text it folds (twice on traditional text, for the fixed
//! point): on a corpus in traditional characters it was the largest part of `fold`. Here
//! a character is one array read, and a text nothing changes is not copied. fast2s stays
//! the reference: the tests hold this module to it for every char, in every context its
//! rules look at, and over several passes.
//!
//! Every character the map or the rules touch is a CJK unified ideograph, and so is what
//! it becomes (checked when the table is built): a conversion never changes a char's
//! UTF-8 length, so byte offsets into the text survive it.

/// First code point of the table: CJK Unified Ideographs.
const FIRST: u32 = 0x4E00;
/// One past the last code point of the table.
const END: u32 = 0xA000;
/// Table entries: one per code point from [`FIRST`] to [`END`].
const LEN: usize = (END - FIRST) as usize;
/// Entry flag of a char whose conversion depends on its neighbours ([`RULES`]).
const BY_CONTEXT: u16 = 0x8000;

/// Most passes before the text stops changing (fast2s's rules need two at most).
const MAX_PASSES: usize = 4;

/// fast2s 0.3.1's map (its `src/t2s.txt`), as `traditional simplified` pairs in code
/// point order, spaces and line breaks between them.
const PAIRS: &str = "\
丟丢 並并 乾干 亂乱 亙亘 亞亚 仝同 佇伫 佈布 佔占 併并 來来 侖仑 侶侣 侷局 俁俣
係系 俠侠 倆俩 倈俫 倉仓 個个 們们 倖幸 倣仿 倫伦 偉伟 側侧 偵侦 偸偷 偽伪 傑杰
傖伧 傘伞 備备 傚效 傢家 傭佣 傯偬 傳传 傴伛 債债 傷伤 傾倾 僂偻 僅仅 僉佥 僑侨
僕仆 僞伪 僥侥 僱雇 價价 儀仪 儂侬 億亿 儈侩 儉俭 儐傧 儔俦 儕侪 儘尽 償偿 優优
儲储 儷俪 儸罗 儺傩 儻傥 儼俨 兇凶 兌兑 兒儿 兗兖 內内 兩两 冊册 冪幂 凍冻 凜凛
凟渎 凱凯 別别 刪删 剄刭 則则 剋克 剎刹 剛刚 剝剥 剮剐 剴剀 創创 剷铲 劃划 劄札
劇剧 劉刘 劊刽 劌刿 劍剑 劑剂 劒剑 勁劲 動动 勗勖 務务 勛勋 勝胜 勞劳 勢势 勣绩
勦剿 勱劢 勳勋 勵励 勸劝 勻匀 匭匦 匯汇 匱匮 區区 協协 卹恤 卻却 厙厍 厠厕 厤历
厭厌 厰厂 厲厉 參参 叄叁 叢丛 吒咤 吳吴 吶呐 呂吕 呱哌 呵嗬 員员 唄呗 唸念 問问
啓启 啞哑 啟启 啢唡 啣衔 喚唤 喪丧 喫吃 喬乔 單单 喲哟 嗆呛 嗇啬 嗎吗 嗚呜 嗩唢
嗶哔 嘆叹 嘍喽 嘔呕 嘖啧 嘗尝 嘜唛 嘩哗 嘮唠 嘯啸 嘰叽 嘸呒 噁恶 噓嘘 噝咝 噠哒
噥哝 噯嗳 噲哙 噴喷 噸吨 噹当 嚀咛 嚇吓 嚕噜 嚙啮 嚥咽 嚦呖 嚨咙 嚮向 嚳喾 嚴严
嚶嘤 囀啭 囂嚣 囈呓 囉啰 囑嘱 囘回 囪囱 囬回 圇囵 國国 圍围 園园 圓圆 圖图 團团
坰垧 埡垭 埰采 執执 堅坚 堊垩 堝埚 堦阶 堯尧 報报 場场 堿碱 塊块 塋茔 塏垲 塗涂
塚冢 塢坞 塤埙 塲场 塵尘 塹堑 塼砖 墊垫 墜坠 墮堕 墳坟 墻墙 墾垦 壇坛 壋垱 壎埙
壓压 壘垒 壙圹 壞坏 壟垄 壠垄 壢坜 壩坝 壯壮 壺壶 壼壸 壽寿 夀寿 夠够 夢梦 夥伙
夾夹 奐奂 奧奥 奩奁 奪夺 奬奖 奮奋 妝妆 姍姗 姦奸 姪侄 娛娱 婁娄 婦妇 婬淫 婭娅
媧娲 媮偷 媯妫 媼媪 媽妈 嫋袅 嫗妪 嫵妩 嫺娴 嫻娴 嬀妫 嬈娆 嬋婵 嬌娇 嬙嫱 嬡嫒
嬤嬷 嬪嫔 嬭奶 嬰婴 嬸婶 嬾懒 孃娘 孌娈 孫孙 學学 孿孪 宮宫 寜宁 寢寝 實实 寧宁
審审 寫写 寬宽 寵宠 寶宝 將将 專专 尋寻 對对 導导 尷尴 屆届 屍尸 屜屉 屢屡 層层
屬属 屭屃 岡冈 峴岘 島岛 峽峡 崍崃 崐昆 崑昆 崗岗 崙仑 崢峥 嵐岚 嵗岁 嶄崭 嶇岖
嶔嵚 嶗崂 嶠娇 嶢峣 嶧峄 嶴岙 嶸嵘 嶺岭 嶼屿 嶽岳 巋岿 巒峦 巔巅 巖岩 巗岩 巰巯
巹卺 帥帅 師师 帳帐 帶带 幀帧 幃帏 幗帼 幘帻 幟帜 幣币 幫帮 幬帱 幹干 幾几 庫库
廁厕 廂厢 廄厩 廈厦 廎庼 廏厩 廐厩 廕荫 廚厨 廝厮 廟庙 廠厂 廡庑 廢废 廣广 廩廪
廬庐 廳厅 廻回 廼乃 弒弑 弔吊 弳弪 張张 強强 彈弹 彊强 彌弥 彎弯 彙汇 彜彝 彠彟
彥彦 彫雕 彷仿 彿佛 後后 徑径 從从 徠徕 復复 徬仿 徵征 徹彻 恆恒 恥耻 悅悦 悵怅
悶闷 悽凄 惡恶 惱恼 惲恽 惻恻 愛爱 愜惬 愨悫 愴怆 愷恺 愾忾 慄栗 態态 慍愠 慘惨
慚惭 慟恸 慣惯 慤悫 慫怂 慮虑 慳悭 慶庆 慾欲 憂忧 憊惫 憐怜 憑凭 憒愦 憚惮 憤愤
憫悯 憮怃 憲宪 憶忆 懇恳 應应 懌怿 懍懔 懟怼 懣懑 懲惩 懶懒 懷怀 懸悬 懺忏 懼惧
懽欢 懾慑 戀恋 戇戆 戔戋 戧戗 戩戬 戯戏 戰战 戲戏 戶户 扡扦 拋抛 挾挟 捍扞 捨舍
捫扪 捲卷 掃扫 掄抡 掙挣 掛挂 採采 揀拣 揚扬 換换 揮挥 揹背 搆构 損损 搖摇 搗捣
搶抢 搾榨 摑掴 摜掼 摟搂 摣揸 摯挚 摳抠 摶抟 摺折 摻掺 撃击 撈捞 撐撑 撓挠 撚捻
撟挢 撣掸 撥拨 撫抚 撲扑 撳揿 撻挞 撾挝 撿捡 擁拥 擄掳 擇择 擊击 擋挡 擔担 擕携
據据 擠挤 擡抬 擣捣 擧举 擬拟 擯摈 擰拧 擱搁 擲掷 擴扩 擷撷 擺摆 擻擞 擼撸 擾扰
攄摅 攆撵 攏拢 攔拦 攖撄 攙搀 攛撺 攜携 攝摄 攢攒 攣挛 攤摊 攪搅 攬揽 攷考 敍叙
敗败 敘叙 敵敌 數数 敺驱 斂敛 斃毙 斕斓 斬斩 斲斫 斷断 於于 旂旗 昇升 時时 晉晋
晝昼 暈晕 暉晖 暘旸 暢畅 暫暂 暱昵 曄晔 曆历 曇昙 曉晓 曖暧 曠旷 曡叠 曬晒 書书
會会 朧胧 朮术 東东 杴锨 柵栅 桿杆 梔栀 梘枧 條条 梟枭 梱捆 棄弃 棖枨 棗枣 棟栋
棧栈 棲栖 棶梾 椏丫 楊杨 楓枫 楨桢 業业 極极 榦干 榮荣 榿桤 槃盘 構构 槍枪 槓杠
槤梿 槨椁 槮椮 槳桨 樁桩 樂乐 樅枞 樑梁 樓楼 標标 樞枢 樣样 樸朴 樹树 樺桦 橈桡
橋桥 機机 橢椭 橫横 檁檩 檉柽 檔档 檜桧 檟槚 檢检 檣樯 檮梼 檯台 檳槟 檸柠 檻槛
櫃柜 櫓橹 櫚榈 櫛栉 櫝椟 櫞橼 櫟栎 櫥橱 櫨栌 櫪枥 櫫橥 櫬榇 櫳栊 櫸榉 櫺棂 櫻樱
欄栏 權权 欏椤 欒栾 欖榄 欽钦 歎叹 歐欧 歛敛 歟欤 歡欢 歲岁 歷历 歸归 歿殁 殘残
殞殒 殤殇 殫殚 殭僵 殮殓 殯殡 殲歼 殺杀 殻壳 殼壳 毀毁 毆殴 毉医 毬球 毿毵 氂牦
氈毡 氊毡 氣气 氫氢 氬氩 氳氲 氾泛 汎泛 汙污 汚污 決决 沒没 沖冲 況况 泝溯 洩泄
洶汹 浹浃 涇泾 涖莅 涼凉 淒凄 淚泪 淥渌 淨净 淩凌 淪沦 淵渊 淶涞 淺浅 渙涣 減减
渢沨 渦涡 測测 渾浑 湊凑 湞浈 湣愍 湧涌 湯汤 溈沩 準准 溝沟 溫温 溮浉 溼湿 滄沧
滅灭 滌涤 滎荥 滙汇 滬沪 滯滞 滲渗 滷卤 滸浒 滻浐 滾滚 滿满 漁渔 漊溇 漚沤 漢汉
漣涟 漬渍 漲涨 漵溆 漸渐 漿浆 潁颍 潑泼 潔洁 潛潜 潤润 潯浔 潰溃 潿涠 澀涩 澁涩
澂澄 澆浇 澇涝 澗涧 澠渑 澤泽 澮浍 澱淀 濁浊 濃浓 濕湿 濘泞 濛蒙 濟济 濤涛 濫滥
濬浚 濰潍 濱滨 濶阔 濺溅 濼泺 濾滤 瀅滢 瀆渎 瀉泻 瀋渖 瀏浏 瀕濒 瀘泸 瀝沥 瀟潇
瀠潆 瀦潴 瀧泷 瀨濑 瀰弥 瀲潋 瀾澜 灃沣 灑洒 灕漓 灘滩 灝灏 灣湾 灤滦 灩滟 災灾
炁气 炤照 為为 烏乌 烱炯 烴烃 無无 煅锻 煆锻 煇辉 煉炼 煒炜 煖暖 煙烟 煢茕 煥焕
煩烦 煬炀 熅煴 熒荧 熗炝 熱热 熲颎 熾炽 燁烨 燄焰 燈灯 燉炖 燐磷 燒烧 燙烫 燜焖
營营 燦灿 燬毁 燭烛 燴烩 燻熏 燼烬 燾焘 燿耀 爍烁 爐炉 爛烂 爭争 爲为 爺爷 爾尔
牀床 牆墙 牋笺 牐闸 牘牍 牴抵 牽牵 犖荦 犛牦 犢犊 犧牺 狀状 狹狭 狽狈 猙狰 猶犹
猻狲 獁犸 獃呆 獄狱 獅狮 獎奖 獨独 獪狯 獫猃 獮狝 獰狞 獲获 獵猎 獷犷 獸兽 獺獭
獻献 獼猕 玀猡 玆兹 玨珏 珮佩 現现 琯管 琱雕 琺珐 琿珲 瑉珉 瑋玮 瑒玚 瑣琐 瑤瑶
瑩莹 瑪玛 瑯琅 瑲玱 璉琏 璡琎 璣玑 璦瑷 璫珰 環环 璵玙 璽玺 璿璇 瓊琼 瓏珑 瓔璎
瓚瓒 甌瓯 甎砖 甕瓮 產产 産产 甦苏 甯宁 畝亩 畢毕 畫画 畬畲 異异 畱留 當当 疇畴
疊迭 疋匹 痙痉 痠酸 痺痹 瘋疯 瘍疡 瘓痪 瘞瘗 瘡疮 瘧疟 瘺瘘 瘻瘘 療疗 癆痨 癇痫
癉瘅 癒愈 癘疠 癟瘪 癡痴 癢痒 癤疖 癥症 癩癞 癬癣 癭瘿 癮瘾 癰痈 癱瘫 癲癫 發发
皐皋 皚皑 皰疱 皸皲 皺皱 盃杯 盜盗 盞盏 盡尽 監监 盤盘 盧卢 盪荡 眎视 眡视 眥眦
眾众 睜睁 睞睐 瞇眯 瞞瞒 瞭了 瞼睑 矇蒙 矚瞩 矯矫 矽硅 砲炮 硃朱 硜硁 硤硖 硨砗
硯砚 碩硕 碭砀 碸砜 確确 碼码 磐盘 磑硙 磚砖 磧碛 磯矶 磽硗 礄硚 礎础 礙碍 礦矿
礪砺 礫砾 礬矾 礮炮 礱砻 祐佑 祕秘 祗只 祿禄 禍祸 禎祯 禕祎 禦御 禪禅 禮礼 禰祢
禱祷 禿秃 秈籼 稅税 稈秆 稜棱 稟禀 稭秸 種种 稱称 穀谷 穌稣 積积 穎颖 穠秾 穡穑
穢秽 穨颓 穩稳 穫获 窩窝 窪洼 窮穷 窯窑 窰窑 窵窎 窶窭 窺窥 竄窜 竅窍 竇窦 竈灶
竊窃 竝并 竪竖 競竞 筆笔 筍笋 筦管 筧笕 箇个 箋笺 箏筝 節节 範范 築筑 篋箧 篔筼
篛箬 篠筱 篤笃 篩筛 篳筚 簀箦 簍篓 簑蓑 簞箪 簡简 簣篑 簫箫 簷檐 簹筜 簽签 簾帘
籃篮 籌筹 籐藤 籙箓 籛篯 籜箨 籟籁 籠笼 籤签 籥钥 籩笾 籬篱 籮箩 籲吁 粧妆 粵粤
糞粪 糢模 糧粮 糰团 糲粝 糴籴 糶粜 糾纠 紀纪 紂纣 約约 紅红 紆纡 紇纥 紈纨 紉纫
紋纹 納纳 紐纽 紓纾 純纯 紕纰 紗纱 紘纮 紙纸 級级 紛纷 紜纭 紝纴 紡纺 紥扎 紮扎
細细 紱绂 紲绁 紳绅 紵纻 紹绍 紺绀 紿绐 絀绌 終终 絃弦 組组 絆绊 絎绗 結结 絕绝
絛绦 絝绔 絞绞 絡络 絢绚 給给 絨绒 絰绖 統统 絲丝 絳绛 絶绝 絹绢 綁绑 綃绡 綆绠
綉绣 綏绥 綑捆 經经 綜综 綞缍 綠绿 綢绸 綣绻 綫线 綬绶 維维 綯绹 綰绾 綱纲 網网
綳绷 綴缀 綵彩 綸纶 綹绺 綺绮 綻绽 綽绰 綾绫 綿绵 緄绲 緇缁 緊紧 緋绯 緑绿 緒绪
緗缃 緘缄 緙缂 線线 緜绵 緝缉 緞缎 締缔 緡缗 緣缘 緦缌 編编 緩缓 緬缅 緯纬 緱缑
緲缈 練练 緹缇 緻致 縂总 縈萦 縉缙 縊缢 縋缒 縐绉 縑缣 縛缚 縝缜 縞缟 縟缛 縣县
縧绦 縫缝 縭缡 縮缩 縱纵 縲缧 縴纤 縵缦 縶絷 縷缕 縹缥 總总 績绩 繃绷 繅缫 繆缪
繒缯 織织 繕缮 繖伞 繙翻 繚缭 繞绕 繡绣 繩绳 繪绘 繫系 繭茧 繮缰 繯缳 繳缴 繹绎
繼继 繽缤 繾缱 纇颣 纈缬 纊纩 續续 纍累 纏缠 纓缨 纔才 纖纤 纘缵 纜缆 缐线 缽钵
罈坛 罌罂 罎坛 罰罚 罵骂 罷罢 羅罗 羆罴 羈羁 羋芈 羥羟 羨羡 義义 羶膻 習习 翬翚
翹翘 翺翱 翽翙 耑端 耬耧 聖圣 聞闻 聯联 聰聪 聲声 聳耸 聵聩 聶聂 職职 聹聍 聼听
聽听 聾聋 肅肃 脅胁 脇胁 脈脉 脛胫 脣唇 脩修 脫脱 脹胀 腎肾 腖胨 腦脑 腫肿 腳脚
腸肠 膚肤 膠胶 膩腻 膽胆 膾脍 膿脓 臉脸 臍脐 臏膑 臘腊 臚胪 臟脏 臠脔 臥卧 臨临
臯皋 臺台 與与 興兴 舉举 舊旧 舖铺 舘馆 艙舱 艤舣 艦舰 艫舻 艱艰 艶艳 艷艳 芻刍
苧苎 茲兹 荊荆 莊庄 莖茎 莢荚 莧苋 華华 菴庵 菸烟 萇苌 萊莱 萬万 萵莴 葉叶 葒荭
葦苇 葯药 葷荤 蒐搜 蒓莼 蒔莳 蒞莅 蒼苍 蓀荪 蓆席 蓋盖 蓧莜 蓮莲 蓯苁 蓴莼 蓽荜
蔆菱 蔔卜 蔞蒌 蔣蒋 蔥葱 蔦茑 蔭荫 蔴麻 蕁荨 蕎荞 蕒荬 蕕莸 蕘荛 蕢蒉 蕩荡 蕪芜
蕭萧 蕷蓣 薀蕰 薈荟 薊蓟 薌芗 薑姜 薔蔷 薘荙 薟莶 薦荐 薩萨 薰熏 薺荠 藍蓝 藎荩
藝艺 藥药 藪薮 藴蕴 藶苈 藹蔼 藺蔺 蘄蕲 蘆芦 蘇苏 蘊蕴 蘋苹 蘗檗 蘚藓 蘞蔹 蘢茏
蘭兰 蘿萝 處处 虛虚 虜虏 號号 虧亏 虯虬 蛺蛱 蛻蜕 蜆蚬 蝕蚀 蝟猬 蝦虾 蝨虱 蝸蜗
螄蛳 螘蚁 螞蚂 螢萤 螻蝼 螿螀 蟄蛰 蟈蝈 蟎螨 蟬蝉 蟯蛲 蟲虫 蟶蛏 蟻蚁 蠅蝇 蠆虿
蠍蝎 蠐蛴 蠑蝾 蠔蚝 蠟蜡 蠣蛎 蠱蛊 蠶蚕 蠻蛮 衆众 衊蔑 術术 衕同 衚胡 衛卫 衝冲
衞卫 衹只 袞衮 裏里 補补 裝装 裡里 製制 複复 褌裈 褘袆 褲裤 褳裢 褸褛 褻亵 襆幞
襍杂 襖袄 襠裆 襤褴 襪袜 襬摆 襯衬 襲袭 襴襕 覈核 見见 規规 覓觅 覔觅 視视 覘觇
覡觋 覥觍 覦觎 覧览 親亲 覬觊 覯觏 覲觐 覷觑 覺觉 覽览 觀观 觔斤 觝抵 觴觞 觶觯
觸触 訂订 訃讣 計计 訊讯 訌讧 討讨 訐讦 訓训 訕讪 訖讫 託托 記记 訛讹 訝讶 訟讼
訢欣 訣诀 訥讷 訪访 設设 許许 訴诉 訶诃 診诊 註注 証证 詁诂 詆诋 詎讵 詐诈 詒诒
詔诏 評评 詗诇 詘诎 詛诅 詞词 詠咏 詡诩 詢询 詣诣 試试 詩诗 詫诧 詬诟 詭诡 詮诠
詰诘 話话 該该 詳详 詵诜 詼诙 詿诖 誄诔 誅诛 誆诓 誇夸 誌志 認认 誑诳 誒诶 誕诞
誘诱 誚诮 語语 誠诚 誡诫 誣诬 誤误 誥诰 誦诵 誨诲 說说 説说 誰谁 課课 誹诽 誼谊
調调 諂谄 諄谆 談谈 諉诿 請请 諍诤 諏诹 諒谅 論论 諗谂 諛谀 諜谍 諡谥 諢诨 諤谔
諦谛 諧谐 諫谏 諭谕 諮谘 諱讳 諳谙 諶谌 諷讽 諸诸 諺谚 諾诺 謀谋 謁谒 謂谓 謄誊
謊谎 謎谜 謐谧 謔谑 謖谡 謗谤 謙谦 謚谥 講讲 謝谢 謠谣 謡谣 謨谟 謫谪 謬谬 謳讴
謹谨 謾谩 譁哗 證证 譌讹 譎谲 譏讥 譖谮 識识 譙谯 譚谭 譜谱 譟噪 譫谵 譯译 議议
譴谴 護护 譽誉 讀读 變变 讌燕 讎仇 讐仇 讒谗 讓让 讕谰 讖谶 讚赞 讜谠 讞谳 谿溪
豈岂 豎竖 豐丰 豔艳 豬猪 貍狸 貒猯 貓猫 貝贝 貞贞 負负 財财 貢贡 貧贫 貨货 販贩
貪贪 貫贯 責责 貯贮 貰贳 貲资 貳贰 貴贵 貶贬 買买 貸贷 貺贶 費费 貼贴 貽贻 貿贸
賀贺 賁贲 賂赂 賃赁 賄贿 賅赅 資资 賈贾 賊贼 賑赈 賒赊 賓宾 賔宾 賕赇 賙赒 賚赉
賜赐 賞赏 賠赔 賡赓 賢贤 賣卖 賤贱 賦赋 賧赕 質质 賬账 賭赌 賴赖 賸剩 賺赚 購购
賽赛 賾赜 贄贽 贅赘 贇赟 贈赠 贊赞 贋赝 贍赡 贏赢 贓赃 贔赑 贖赎 贗赝 贛赣 赬赪
趕赶 趙赵 趨趋 跡迹 跼局 踐践 踴踊 蹌跄 蹕跸 蹟迹 蹠跖 蹣蹒 蹤踪 蹺跷 躂跶 躉趸
躊踌 躋跻 躍跃 躑踯 躒跞 躕蹰 躡蹑 躥蹿 躪躏 軀躯 車车 軋轧 軌轨 軍军 軑轪 軒轩
軔轫 軛轭 軟软 軫轸 軲轱 軸轴 軹轵 軻轲 軼轶 軾轼 較较 輅辂 載载 輊轾 輒辄 輓挽
輔辅 輕轻 輛辆 輜辎 輝辉 輞辋 輟辍 輥辊 輦辇 輩辈 輪轮 輭软 輯辑 輳辏 輸输 輻辐
輾辗 輿舆 轂毂 轄辖 轅辕 轆辘 轉转 轍辙 轎轿 轟轰 轡辔 轢轹 轤轳 辤辞 辦办 辭辞
辮辫 辯辩 農农 迴回 迺乃 逕径 這这 連连 週周 進进 遊游 運运 過过 達达 違违 遙遥
遜逊 遞递 遠远 適适 遲迟 遷迁 選选 遺遗 遼辽 邁迈 還还 邇迩 邊边 邏逻 郟郏 郵邮
鄆郓 鄉乡 鄒邹 鄔邬 鄕乡 鄖郧 鄘墉 鄧邓 鄭郑 鄰邻 鄲郸 鄴邺 鄶郐 鄺邝 酈郦 醃腌
醖酝 醜丑 醞酝 醤酱 醫医 醬酱 醯酰 醱酦 釀酿 釁衅 釋释 釐厘 釓钆 釔钇 釕钌 釗钊
釘钉 釙钋 針针 釣钓 釤钐 釦扣 釧钏 釩钒 釬焊 釵钗 釷钍 釹钕 釺钎 鈀钯 鈁钫 鈃钘
鈄钭 鈈钚 鈉钠 鈍钝 鈎钩 鈐钤 鈑钣 鈒钑 鈔钞 鈕钮 鈞钧 鈣钙 鈥钬 鈦钛 鈧钪 鈮铌
鈰铈 鈳钶 鈴铃 鈷钴 鈸钹 鈹铍 鈺钰 鈽钸 鈾铀 鈿钿 鉀钾 鉄铁 鉅巨 鉈铊 鉉铉 鉋刨
鉍铋 鉑铂 鉕钷 鉗钳 鉚铆 鉛铅 鉞钺 鉢钵 鉤钩 鉦钲 鉬钼 鉭钽 鉶铏 鉸铰 鉺铒 鉻铬
鉿铪 銀银 銃铳 銅铜 銍铚 銑铣 銓铨 銖铢 銘铭 銚铫 銛铦 銜衔 銠铑 銣铷 銥铱 銦铟
銨铵 銩铥 銪铕 銫铯 銬铐 銲焊 銳锐 銷销 銹锈 銻锑 銼锉 鋁铝 鋂镅 鋅锌 鋇钡 鋌铤
鋏铗 鋒锋 鋙铻 鋟锓 鋤锄 鋥锃 鋦锔 鋨锇 鋪铺 鋭锐 鋮铖 鋯锆 鋰锂 鋱铽 鋶锍 鋸锯
鋻鉴 鋼钢 錁锞 錄录 錇锫 錐锥 錒锕 錕锟 錘锤 錚铮 錛锛 錟锬 錠锭 錡锜 錢钱 錦锦
錨锚 錩锠 錫锡 錮锢 錯错 録录 錳锰 錶表 錸铼 錼镎 鍀锝 鍆钔 鍇锴 鍊炼 鍋锅 鍍镀
鍔锷 鍘铡 鍚钖 鍛锻 鍠锽 鍤锸 鍥锲 鍩锘 鍬锹 鍰锾 鍵键 鍶锶 鍺锗 鍼针 鍾钟 鎂镁
鎄锿 鎊镑 鎔镕 鎖锁 鎘镉 鎚锤 鎛镈 鎢钨 鎣蓥 鎦镏 鎧铠 鎩铩 鎬镐 鎮镇 鎰镒 鎳镍
鎵镓 鎸镌 鎿镎 鏃镞 鏇旋 鏈链 鏌镆 鏐镠 鏑镝 鏗铿 鏘锵 鏜镗 鏝镘 鏞镛 鏟铲 鏡镜
鏢镖 鏤镂 鏵铧 鏷镤 鏹镪 鏽锈 鐃铙 鐐镣 鐒铹 鐓镦 鐔镡 鐘钟 鐙镫 鐠镨 鐡铁 鐦锎
鐧锏 鐨镄 鐫镌 鐮镰 鐲镯 鐳镭 鐵铁 鐸铎 鐺铛 鐿镱 鑄铸 鑊镬 鑌镔 鑑鉴 鑒鉴 鑔镲
鑕锧 鑞镴 鑠铄 鑣镳 鑥镥 鑪炉 鑭镧 鑰钥 鑲镶 鑷镊 鑼锣 鑽钻 鑾銮 鑿凿 钂镋 長长
門门 閂闩 閃闪 閆闫 閈闬 閉闭 開开 閎闳 閏闰 閑闲 閒闲 間间 閔闵 閘闸 閙闹 閡阂
関关 閣阁 閤合 閥阀 閧哄 閨闺 閩闽 閫阃 閬阆 閭闾 閱阅 閲阅 閶阊 閹阉 閻阎 閼阏
閽阍 閾阈 閿阌 闆板 闈闱 闊阔 闋阕 闌阑 闍阇 闐阗 闒阘 闓闿 闔阖 闕阙 闖闯 關关
闞阚 闡阐 闢辟 闥闼 阨厄 阪坂 阬坑 阯址 陘陉 陜陕 陝陕 陞升 陣阵 陰阴 陳陈 陸陆
陽阳 隂阴 隄堤 隊队 階阶 隕陨 隖坞 際际 隣邻 隨随 險险 隱隐 隴陇 隷隶 隸隶 隻只
雋隽 雖虽 雙双 雛雏 雜杂 雞鸡 離离 難难 雲云 電电 霑沾 霧雾 霽霁 靂雳 靄霭 靈灵
靚靓 靜静 靦腼 靨靥 靭韧 鞀鼗 鞏巩 鞦秋 鞽鞒 韁缰 韃鞑 韆千 韋韦 韌韧 韓韩 韙韪
韜韬 韝鞴 韞韫 韻韵 響响 頁页 頂顶 頃顷 項项 順顺 頇顸 須须 頊顼 頌颂 頎颀 預预
頑顽 頒颁 頓顿 頗颇 領领 頜颌 頡颉 頤颐 頦颏 頫俯 頭头 頰颊 頲颋 頴颕 頷颔 頸颈
頹颓 頻频 頽颓 顆颗 題题 額额 顎颚 顏颜 顒颙 顓颛 顔颜 願愿 顙颡 顛颠 類类 顥颢
顧顾 顫颤 顬颥 顯显 顰颦 顱颅 顳颞 顴颧 風风 颮飑 颯飒 颱台 颳刮 颶飓 颺扬 颼飕
飄飘 飆飙 飇飙 飈飙 飛飞 飢饥 飥饦 飩饨 飪饪 飫饫 飭饬 飯饭 飲饮 飴饴 飼饲 飽饱
飾饰 餃饺 餄饸 餅饼 餉饷 養养 餌饵 餎饹 餑饽 餒馁 餓饿 餕馂 餘余 餚肴 餛馄 餜馃
餞饯 餡馅 餧喂 館馆 餵喂 餺馎 餽馈 餾馏 餿馊 饃馍 饅馒 饈馐 饉馑 饊馓 饋馈 饌馔
饑饥 饒饶 饗飨 饞馋 饢馕 馬马 馭驭 馮冯 馱驮 馳驰 馴驯 駁驳 駐驻 駑驽 駒驹 駔驵
駕驾 駘骀 駙驸 駛驶 駝驼 駟驷 駡骂 駢骈 駭骇 駮驳 駰骃 駱骆 駸骎 駿骏 騁骋 騂骍
騅骓 騎骑 騏骐 騐验 騙骗 騣鬃 騤骙 騫骞 騭骘 騮骝 騰腾 騶驺 騷骚 騸骟 騾骡 驀蓦
驁骜 驂骖 驃骠 驄骢 驅驱 驊骅 驌骕 驍骁 驕骄 驗验 驚惊 驛驿 驟骤 驢驴 驤骧 驥骥
驪骊 骯肮 髏髅 髒脏 體体 髕髌 髖髋 髣仿 髩鬓 髮发 髴佛 鬆松 鬍胡 鬚须 鬢鬓 鬥斗
鬧闹 鬨哄 鬩阋 鬭斗 鬮阄 鬱郁 魎魉 魘魇 魚鱼 魛鱽 魢鱾 魨鲀 魯鲁 魴鲂 魷鱿 鮁鲅
鮃鲆 鮊鲌 鮋鲉 鮍鲏 鮎鲇 鮐鲐 鮑鲍 鮒鲋 鮓鲊 鮜鲘 鮞鲕 鮪鲔 鮫鲛 鮭鲑 鮮鲜 鮶鲪
鯀鲧 鯁鲠 鯇鲩 鯉鲤 鯊鲨 鯒鲬 鯔鲻 鯕鲯 鯖鲭 鯗鲞 鯛鲷 鯝鲴 鯡鲱 鯢鲵 鯤鲲 鯧鲳
鯨鲸 鯪鲮 鯰鲶 鯷鳀 鯽鲫 鯿鳊 鰂鲗 鰃鳂 鰈鲽 鰉鳇 鰌鳅 鰍鳅 鰏鲾 鰐鳄 鰒鳆 鰓鳃
鰜鳒 鰟鳑 鰣鲥 鰥鳏 鰨鳎 鰩鳐 鰭鳍 鰮鳁 鰱鲢 鰲鳌 鰳鳓 鰵鳘 鰷鲦 鰹鲣 鰺鲹 鰻鳗
鰼鳛 鰾鳔 鱂鳉 鱅鳙 鱈鳕 鱉鳖 鱒鳟 鱔鳝 鱖鳜 鱗鳞 鱘鲟 鱝鲼 鱟鲎 鱠鲙 鱣鳣 鱤鳡
鱧鳢 鱨鲿 鱭鲚 鱷鳄 鱸鲈 鱺鲡 鳥鸟 鳧凫 鳩鸠 鳬凫 鳳凤 鳴鸣 鳶鸢 鴆鸩 鴇鸨 鴉鸦
鴒鸰 鴕鸵 鴛鸳 鴝鸲 鴞鸮 鴟鸱 鴣鸪 鴦鸯 鴨鸭 鴯鸸 鴰鸹 鴴鸻 鴻鸿 鴿鸽 鵂鸺 鵐鹀
鵑鹃 鵒鹆 鵓鹁 鵜鹈 鵝鹅 鵞鹅 鵠鹄 鵡鹉 鵪鹌 鵬鹏 鵯鹎 鵰雕 鵲鹊 鶇鸫 鶉鹑 鶓鹋
鶖鹙 鶘鹕 鶚鹗 鶡鹖 鶤鹍 鶥鹛 鶩鹜 鶯莺 鶲鹟 鶴鹤 鶹鹠 鶺鹡 鶻鹘 鶼鹣 鶿鹚 鷀鹚
鷁鹢 鷂鹞 鷄鸡 鷊鹝 鷓鹧 鷖鹥 鷗鸥 鷙鸷 鷚鹨 鷥鸶 鷦鹪 鷯鹩 鷲鹫 鷴鹇 鷸鹬 鷹鹰
鷺鹭 鸌鹱 鸏鹲 鸕鸬 鸚鹦 鸛鹳 鸝鹂 鸞鸾 鹵卤 鹹咸 鹼碱 鹽盐 麅狍 麗丽 麥麦 麩麸
麪面 麫面 麯曲 麴曲 麵面 麹曲 麼么 麽么 黃黄 黌黉 黏粘 點点 黨党 黴霉 黷黩 黽黾
黿鼋 鼂鼌 鼇鳌 鼈鳖 鼉鼍 鼴鼹 齊齐 齋斋 齎赍 齏齑 齒齿 齗龂 齙龅 齜龇 齟龃 齠龆
齡龄 齣出 齦龈 齧啮 齪龊 齬龉 齲龋 齶腭 齷龌 龍龙 龐庞 龔龚 龕龛 龜龟
";

/// A char that fast2s converts according to its neighbours (its `special.rs`).
struct Rule {
    /// The char.
    ch: char,
    /// Written pairs (with the char before or after) in which it stays as written.
    keep: &'static [[char; 2]],
    /// Written pairs in which it becomes another char instead of its map entry; pairs
    /// with the char before are tried first.
    convert: &'static [([char; 2], char)],
}

/// fast2s's context rules. A char with `keep` pairs never takes its `convert` ones
/// (`藉口` stays `藉口`: fast2s checks the first list only when a char has one).
const RULES: &[Rule] = &[
    Rule {
        ch: '兒',
        keep: &[['兒', '寬']],
        convert: &[],
    },
    Rule {
        ch: '覆',
        keep: &[['答', '覆'], ['批', '覆'], ['回', '覆']],
        convert: &[],
    },
    Rule {
        ch: '夥',
        keep: &[['甚', '夥']],
        convert: &[],
    },
    Rule {
        ch: '藉',
        keep: &[['慰', '藉'], ['狼', '藉']],
        convert: &[(['藉', '口'], '借'), (['憑', '藉'], '借')],
    },
    Rule {
        ch: '瞭',
        keep: &[['瞭', '望']],
        convert: &[],
    },
    Rule {
        ch: '麽',
        keep: &[['幺', '麽']],
        convert: &[],
    },
    Rule {
        ch: '幺',
        keep: &[['幺', '麽']],
        convert: &[],
    },
    Rule {
        ch: '於',
        keep: &[['樊', '於']],
        convert: &[],
    },
    Rule {
        ch: '乾',
        keep: &[['乾', '隆'], ['乾', '坤'], ['乾', '卦']],
        convert: &[],
    },
    Rule {
        ch: '著',
        keep: &[],
        convert: &[(['看', '著'], '着')],
    },
    Rule {
        ch: '苧',
        keep: &[],
        convert: &[(['苧', '麻'], '苎')],
    },
    Rule {
        ch: '闔',
        keep: &[],
        convert: &[(['闔', '家'], '合')],
    },
    Rule {
        ch: '鍾',
        keep: &[],
        convert: &[(['鍾', '書'], '锺')],
    },
    Rule {
        ch: '讎',
        keep: &[],
        convert: &[
            (['校', '讎'], '雠'),
            (['讎', '定'], '雠'),
            (['仇', '讎'], '雠'),
        ],
    },
    Rule {
        ch: '畫',
        keep: &[],
        convert: &[(['計', '畫'], '划'), (['企', '畫'], '划')],
    },
];

/// Per code point from [`FIRST`]: its simplified form's offset from [`FIRST`], with
/// [`BY_CONTEXT`] set for the chars of [`RULES`].
static TABLE: [u16; LEN] = build_table();

/// Is `c` in the table's range?
const fn in_range(c: u32) -> bool {
    c >= FIRST && c < END
}

/// Builds [`TABLE`]. It runs at compile time: a pair or rule outside the table's range
/// (which would break the unchanged byte lengths callers count on) fails the build.
const fn build_table() -> [u16; LEN] {
    let mut table = [0u16; LEN];
    let mut i = 0;
    while i < LEN {
        table[i] = i as u16;
        i += 1;
    }
    let bytes = PAIRS.as_bytes();
    let mut i = 0;
    let mut pair = [0u32; 2];
    let mut n = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' || bytes[i] == b'\n' {
            i += 1;
            continue;
        }
        // Three-byte UTF-8 only (U+0800..U+FFFF); the range check below narrows it.
        assert!(bytes[i] & 0xF0 == 0xE0 && i + 2 < bytes.len());
        let c = ((bytes[i] as u32 & 0x0F) << 12)
            | ((bytes[i + 1] as u32 & 0x3F) << 6)
            | (bytes[i + 2] as u32 & 0x3F);
        assert!(in_range(c));
        pair[n] = c;
        n += 1;
        i += 3;
        if n == 2 {
            table[(pair[0] - FIRST) as usize] = (pair[1] - FIRST) as u16;
            n = 0;
        }
    }
    assert!(n == 0);
    let mut r = 0;
    while r < RULES.len() {
        let rule = &RULES[r];
        assert!(in_range(rule.ch as u32));
        let mut k = 0;
        while k < rule.convert.len() {
            assert!(in_range(rule.convert[k].1 as u32));
            k += 1;
        }
        table[(rule.ch as u32 - FIRST) as usize] |= BY_CONTEXT;
        r += 1;
    }
    table
}

/// The table entry of `c`, if it is in the table's range.
#[inline]
fn entry(c: char) -> Option<u16> {
    let c = c as u32;
    if in_range(c) {
        TABLE.get((c - FIRST) as usize).copied()
    } else {
        None
    }
}

/// The simplified form of an entry's char when its context does not matter.
#[inline]
fn mapped(entry: u16) -> char {
    // The table holds offsets of chars inside the range (checked by `build_table`).
    char::from_u32(FIRST + u32::from(entry & !BY_CONTEXT)).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Converts `cur` written between `prev` and `next`, as fast2s does (`'0'` stands for
/// no neighbour there, as in fast2s; no rule names it).
fn convert(prev: char, cur: char, next: char) -> char {
    let Some(e) = entry(cur) else {
        return cur;
    };
    if e & BY_CONTEXT != 0
        && let Some(rule) = RULES.iter().find(|r| r.ch == cur)
    {
        let before = [prev, cur];
        let after = [cur, next];
        if !rule.keep.is_empty() {
            if rule.keep.contains(&before) || rule.keep.contains(&after) {
                return cur;
            }
        } else if let Some((_, to)) = rule
            .convert
            .iter()
            .find(|(w, _)| *w == before)
            .or_else(|| rule.convert.iter().find(|(w, _)| *w == after))
        {
            return *to;
        }
    }
    mapped(e)
}

/// The chars that simplifying may turn into one of `targets`, in some context or on
/// some pass, each with the target it may become; the targets themselves are among
/// them.
pub(super) fn sources_of(targets: &[char]) -> Vec<(char, char)> {
    let mut out: Vec<(char, char)> = targets.iter().map(|&t| (t, t)).collect();
    for (offset, &e) in (0u32..).zip(TABLE.iter()) {
        let to = mapped(e);
        if let Some(c) = char::from_u32(FIRST + offset)
            && c != to
            && targets.contains(&to)
        {
            out.push((c, to));
        }
    }
    for rule in RULES {
        for &(_, to) in rule.convert {
            if targets.contains(&to) {
                out.push((rule.ch, to));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Is `c` converted according to its neighbours?
fn by_context(c: char) -> bool {
    entry(c).is_some_and(|e| e & BY_CONTEXT != 0)
}

/// One pass of fast2s, fed a text a char at a time as the caller writes it into `out`:
/// folding makes its text and converts it in the same walk, without a second copy.
/// [`Simplifier::finish`] then makes the further passes that are needed, if any.
#[derive(Debug)]
pub(super) struct Simplifier {
    /// The char before, as fed: fast2s's rules read the text before conversion.
    prev: char,
    /// A char decided by context, waiting for the char after it: its byte offset in
    /// `out`, the char, and the char before it.
    pending: Option<(usize, char, char)>,
    /// Has the pass changed a char?
    changed: bool,
    /// Does the result hold a char decided by context, which the next pass (with its
    /// neighbours converted) could change?
    context_left: bool,
}

impl Default for Simplifier {
    fn default() -> Self {
        Simplifier {
            // fast2s's stand-in for no neighbour; no rule names it.
            prev: '0',
            pending: None,
            changed: false,
            context_left: false,
        }
    }
}

impl Simplifier {
    /// Writes `c`, converted, at the end of `out`.
    // Called for every char folding writes: a call each was a third of its cost.
    #[inline(always)]
    pub(super) fn push(&mut self, out: &mut String, c: char) {
        if let Some(pending) = self.pending.take() {
            self.resolve(out, pending, c);
        }
        match entry(c) {
            None => out.push(c),
            Some(e) if e & BY_CONTEXT == 0 => {
                // Never a char decided by context (tested below).
                let to = mapped(e);
                self.changed |= to != c;
                out.push(to);
            }
            Some(_) => {
                self.pending = Some((out.len(), c, self.prev));
                out.push(c);
            }
        }
        self.prev = c;
    }

    /// Converts the pending char of `out`, now that the char after it is known.
    fn resolve(&mut self, out: &mut String, (at, cur, prev): (usize, char, char), next: char) {
        let to = convert(prev, cur, next);
        self.context_left |= by_context(to);
        if to != cur {
            self.changed = true;
            // `cur` is at `at`, and both chars are in the table's range, three bytes
            // each: the text keeps its length and its other chars' offsets.
            let mut utf8 = [0; 4];
            out.replace_range(at..at + cur.len_utf8(), to.encode_utf8(&mut utf8));
        }
    }

    /// Ends the pass over `out`, then passes over it again until nothing changes, as
    /// repeated fast2s passes would (at most [`MAX_PASSES`]). fast2s decides a few chars
    /// by their neighbours as written (`兒` stays before `寬`, a name), so one pass can
    /// leave a text that a second pass changes (`兒寬` → `兒宽` → `儿宽`).
    pub(super) fn finish(mut self, out: &mut String) {
        if let Some(pending) = self.pending.take() {
            self.resolve(out, pending, '0');
        }
        for _ in 1..MAX_PASSES {
            // Without a char decided by context left, another pass changes nothing:
            // every char the map yields maps to itself (tested below).
            if !(self.changed && self.context_left) {
                return;
            }
            let mut next = String::with_capacity(out.len());
            self = Simplifier::default();
            for c in out.chars() {
                self.push(&mut next, c);
            }
            if let Some(pending) = self.pending.take() {
                self.resolve(&mut next, pending, '0');
            }
            if self.changed {
                *out = next;
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// One pass of ours.
    fn one_pass(text: &str) -> String {
        let mut out = String::new();
        let mut s = Simplifier::default();
        for c in text.chars() {
            s.push(&mut out, c);
        }
        if let Some(pending) = s.pending.take() {
            s.resolve(&mut out, pending, '0');
        }
        out
    }

    /// All our passes.
    fn simplify(text: &str) -> String {
        let mut out = String::new();
        let mut s = Simplifier::default();
        for c in text.chars() {
            s.push(&mut out, c);
        }
        s.finish(&mut out);
        out
    }

    /// fast2s repeated until nothing changes, as `fold` called it: the reference.
    pub(in crate::analysis) fn fast2s_fixed_point(text: &str) -> String {
        let mut current = fast2s::convert(text);
        if current == text {
            return current;
        }
        for _ in 1..MAX_PASSES {
            let next = fast2s::convert(&current);
            if next == current {
                break;
            }
            current = next;
        }
        current
    }

    /// Asserts two conversions of the same text agree, naming the first char that
    /// differs (the texts are long).
    fn assert_same(ours: &str, theirs: &str, what: &str) {
        if ours == theirs {
            return;
        }
        let at = ours
            .chars()
            .zip(theirs.chars())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let around = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(2))
                .take(5)
                .collect::<String>()
        };
        panic!(
            "{what}: char {at} differs: ours {:?}, fast2s {:?}",
            around(ours),
            around(theirs)
        );
    }

    /// Every char a rule names, and what the map makes of it (a neighbour converted by
    /// an earlier pass), plus the edge stand-in and plain neighbours.
    pub(in crate::analysis) fn rule_alphabet() -> Vec<char> {
        let mut chars = vec!['0', ' ', 'a', '。'];
        for r in RULES {
            chars.push(r.ch);
            chars.extend(r.keep.iter().flatten());
            chars.extend(r.convert.iter().flat_map(|(w, to)| [w[0], w[1], *to]));
        }
        let mapped: Vec<char> = chars
            .iter()
            .map(|&c| one_pass(&c.to_string()).chars().next().unwrap_or(c))
            .collect();
        chars.extend(mapped);
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    #[test]
    fn every_char_converts_as_fast2s_converts_it() {
        let all: String = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, ' '])
            .collect();
        assert_same(&one_pass(&all), &fast2s::convert(&all), "every char");
        // At the very start and end, where fast2s stands `'0'` in for a neighbour.
        for r in RULES {
            let c = r.ch.to_string();
            assert_same(&one_pass(&c), &fast2s::convert(&c), "a rule char alone");
        }
    }

    #[test]
    fn every_char_converts_as_fast2s_converts_it_beside_every_rule_char() {
        // Each three-byte char (the only ones fast2s converts) between two copies of a
        // char the rules name, which is itself between two such chars.
        for n in rule_alphabet() {
            let mut text = String::new();
            for c in (0x800..=0xFFFF_u32).filter_map(char::from_u32) {
                text.push(n);
                text.push(c);
            }
            text.push(n);
            assert_same(
                &one_pass(&text),
                &fast2s::convert(&text),
                &format!("beside {n}"),
            );
        }
    }

    #[test]
    fn rule_chars_convert_as_fast2s_converts_them_between_any_two_neighbours() {
        let alphabet = rule_alphabet();
        for r in RULES {
            for &prev in &alphabet {
                for &next in &alphabet {
                    let text: String = [prev, r.ch, next].iter().collect();
                    assert_same(&one_pass(&text), &fast2s::convert(&text), &text);
                }
            }
        }
    }

    #[test]
    fn repeated_passes_reach_fast2s_fixed_point() {
        // Every text of up to three chars from the rules' alphabet.
        let alphabet = rule_alphabet();
        let mut texts: Vec<String> = alphabet.iter().map(|c| c.to_string()).collect();
        for len in 2..=3 {
            texts = texts
                .iter()
                .filter(|t| t.chars().count() == len - 1)
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .chain(texts.iter().cloned())
                .collect();
        }
        for t in &texts {
            assert_same(&simplify(t), &fast2s_fixed_point(t), t);
        }
        assert_eq!(simplify("兒寬"), "儿宽");
        assert_eq!(simplify("乾隆"), "乾隆");
    }

    #[test]
    fn what_the_map_yields_is_already_simplified() {
        // `simplify` stops after a pass that leaves no context-decided char: this is why
        // another pass could change nothing.
        for c in (FIRST..END).filter_map(char::from_u32) {
            let Some(e) = entry(c) else { continue };
            let rule = RULES.iter().find(|r| r.ch == c);
            let yields = std::iter::once(mapped(e)).chain(
                rule.into_iter()
                    .flat_map(|r| r.convert.iter().map(|(_, to)| *to)),
            );
            for to in yields {
                if to == c && rule.is_some() {
                    continue; // left as written: counted as context-decided
                }
                let again = entry(to).map_or(to, mapped);
                assert_eq!(again, to, "U+{:04X} → {to} → {again}", c as u32);
                assert!(entry(to).is_none_or(|e| e & BY_CONTEXT == 0), "{c} → {to}");
            }
        }
    }

    #[test]
    fn lengths_are_kept() {
        let t = "小米汽車，計畫看著";
        let s = simplify(t);
        assert_eq!(s, "小米汽车，计划看着");
        assert_eq!(s.len(), t.len());
    }
}
